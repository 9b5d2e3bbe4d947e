package org.vsekai.backpack.pose.triangulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Groups one scene's frames into instants: frames sorted by capture time, a group holding frames captured within
 * {@code window} of its first one, at most one frame per camera (a camera's second frame starts the next instant,
 * since one camera cannot see one instant twice).
 */
public final class Instants {

    private Instants() {
    }

    public static <T> List<List<T>> group(List<T> frames, Function<T, Instant> capturedAt,
                                          Function<T, String> camera, Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("the window is not negative");
        }
        List<T> sorted = new ArrayList<>(frames);
        sorted.sort(Comparator.comparing(capturedAt));
        List<List<T>> instants = new ArrayList<>();
        List<T> current = new ArrayList<>();
        Set<String> cameras = new HashSet<>();
        Instant first = null;
        for (T frame : sorted) {
            Instant at = capturedAt.apply(frame);
            if (first != null && (Duration.between(first, at).compareTo(window) > 0
                    || cameras.contains(camera.apply(frame)))) {
                instants.add(current);
                current = new ArrayList<>();
                cameras.clear();
                first = null;
            }
            if (first == null) {
                first = at;
            }
            current.add(frame);
            cameras.add(camera.apply(frame));
        }
        if (!current.isEmpty()) {
            instants.add(current);
        }
        return instants;
    }
}
