package org.vsekai.backpack.ingest.scene;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import org.vsekai.backpack.contracts.scene.CameraCalibration;
import org.vsekai.backpack.contracts.scene.FrameFormat;
import org.vsekai.backpack.ingest.frame.Frame;
import org.vsekai.backpack.ingest.frame.FrameFinding;

/**
 * A frame as the scene view shows it: the stored frame and what the vision-service found in it, in total and per
 * model.
 *
 * @param detections the detections of every detection model in this frame (0 until one has answered)
 * @param poses      the bodies every pose model found in this frame
 * @param classes    the distinct labels of those detections, sorted
 * @param findings   per model: kind, count, labels, model version
 */
public record FrameView(UUID frameId, String camera, String blobRef, FrameFormat format, int width, int height,
                        CameraCalibration calibration, Instant capturedAt, Instant receivedAt, Instant analysedAt,
                        int detections, int poses, List<String> classes, List<Finding> findings) {

    /** One model's finding in the frame. */
    public record Finding(String model, String modelVersion, FrameFinding.Kind kind, int found, List<String> labels,
                          Instant receivedAt) {
    }

    static FrameView of(Frame frame, List<FrameFinding> findings) {
        int detections = 0;
        int poses = 0;
        TreeSet<String> classes = new TreeSet<>();
        for (FrameFinding finding : findings) {
            if (finding.kind() == FrameFinding.Kind.DETECTIONS) {
                detections += finding.found();
                classes.addAll(finding.labels());
            } else {
                poses += finding.found();
            }
        }
        return new FrameView(frame.frameId(), frame.camera(), frame.blobRef(), frame.format(), frame.width(),
                frame.height(), frame.calibration(), frame.capturedAt(), frame.receivedAt(), frame.analysedAt(),
                detections, poses, List.copyOf(classes), findings.stream().map(f -> new Finding(f.model(),
                        f.modelVersion(), f.kind(), f.found(), f.labels(), f.receivedAt())).toList());
    }
}
