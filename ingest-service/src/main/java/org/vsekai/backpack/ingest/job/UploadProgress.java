package org.vsekai.backpack.ingest.job;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.ingest.frame.FrameStore;
import org.vsekai.backpack.ingest.queue.Job;
import org.vsekai.backpack.ingest.queue.JobQueue;
import org.vsekai.backpack.ingest.scene.SceneState;
import org.vsekai.backpack.ingest.scene.SceneStore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** How far an upload's scene has come: its workflow state and the jobs about it and its frames. */
@ApplicationScoped
public class UploadProgress {

    private final Pool pool;
    private final SceneStore scenes;
    private final FrameStore frames;
    private final JobQueue queue;

    public UploadProgress(Pool pool, SceneStore scenes, FrameStore frames, JobQueue queue) {
        this.pool = pool;
        this.scenes = scenes;
        this.frames = frames;
        this.queue = queue;
    }

    /** The scene's state (null for an upload without a stored scene) and its jobs, oldest first. */
    public record Steps(SceneState sceneState, List<Job> jobs) {
    }

    public Uni<Steps> of(UUID sceneId) {
        return scenes.find(pool, sceneId).chain(scene -> frames.ofScene(pool, sceneId).chain(found -> {
            List<String> subjects = new ArrayList<>(List.of(sceneId.toString()));
            found.forEach(frame -> subjects.add(frame.frameId().toString()));
            return queue.about(subjects).map(jobs -> new Steps(scene == null ? null : scene.state(), jobs));
        }));
    }
}
