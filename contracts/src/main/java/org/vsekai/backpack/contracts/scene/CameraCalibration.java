package org.vsekai.backpack.contracts.scene;

/**
 * A glTF camera's projection. Perspective cameras set {@code yfov} and {@code aspectRatio};
 * orthographic ones set {@code xmag} and {@code ymag}; the unused pair is {@code null}.
 */
public record CameraCalibration(Projection projection, Double yfov, Double aspectRatio, Double xmag, Double ymag,
                                double znear, Double zfar) {

    public enum Projection {
        PERSPECTIVE, ORTHOGRAPHIC
    }
}
