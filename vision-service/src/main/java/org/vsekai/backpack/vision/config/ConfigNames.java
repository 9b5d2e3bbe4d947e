package org.vsekai.backpack.vision.config;

import java.util.Locale;

/** Enum constants as configuration and JSON write them: {@code YOLO_NAS_POSE} is {@code yolo-nas-pose}. */
public final class ConfigNames {

    private ConfigNames() {
    }

    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
