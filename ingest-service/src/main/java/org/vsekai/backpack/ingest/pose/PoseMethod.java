package org.vsekai.backpack.ingest.pose;

import java.util.Arrays;
import java.util.Optional;

/** How a pose was made, as its rows and answers name it. */
public enum PoseMethod {

    /** One body in one frame: image-plane points (y up), 2D angles only. */
    SINGLE_CAMERA_2D("single-camera-2d"),
    /** One body seen by two or more calibrated cameras at one instant, triangulated in scene units. */
    TRIANGULATED_3D("triangulated-3d");

    private final String column;

    PoseMethod(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    public static Optional<PoseMethod> of(String column) {
        return Arrays.stream(values()).filter(method -> method.column.equals(column)).findFirst();
    }
}
