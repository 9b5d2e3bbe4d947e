package org.vsekai.backpack.ingest.scene;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.vsekai.backpack.contracts.scene.CameraCalibration;
import org.vsekai.backpack.contracts.scene.SceneFormat;
import org.vsekai.backpack.contracts.scene.XmpPacket;
import org.vsekai.backpack.ingest.frame.Frame;
import org.vsekai.backpack.ingest.frame.FrameFinding;
import org.vsekai.backpack.ingest.queue.Job;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A scene as {@code GET /scenes/{id}} shows it: its workflow state and milestones, cameras with their projection
 * and pose (no image size: each frame carries the calibration for its own), XMP packets, frames with what the
 * vision-service found in each, and every job about it or its frames.
 *
 * @param references files it names that this service does not have and never fetches
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SceneView(UUID sceneId, String ownerId, UUID uploadId, SceneState state, String error,
                        SceneFormat format, long sizeBytes, String blobRef, Integer cameraCount,
                        List<CameraView> cameras, List<XmpPacket> packets, List<String> references,
                        List<FrameView> frames, List<Job> jobs, Instant createdAt, Instant updatedAt, Instant parsedAt,
                        Instant metadataPublishedAt, Instant indexedAt) {

    /** A camera: its id in URLs ({@code /cameras/{id}/frames}), its name, its calibration without image size. */
    public record CameraView(String id, String name, CameraCalibration calibration) {
    }

    static SceneView of(Scene scene, List<StoredCamera> cameras, List<Frame> frames,
                        Map<UUID, List<FrameFinding>> findings, List<Job> jobs) {
        return new SceneView(scene.id(), scene.ownerId(), scene.uploadId(), scene.state(), scene.error(),
                scene.format(), scene.sizeBytes(), scene.blob().uri(), scene.cameraCount(),
                cameras.stream().map(c -> new CameraView(c.cameraId(), c.name(), c.camera().calibration())).toList(),
                scene.packets(), scene.references(),
                frames.stream().map(f -> FrameView.of(f, findings.getOrDefault(f.frameId(), List.of()))).toList(),
                jobs, scene.createdAt(), scene.updatedAt(),
                scene.parsedAt(), scene.metadataPublishedAt(), scene.indexedAt());
    }
}
