package org.vsekai.backpack.ingest.scene;

import java.util.UUID;

import org.vsekai.backpack.ingest.queue.NewJob;
import org.vsekai.backpack.ingest.sql.Json;

/** The kinds of job a scene goes through, each once per scene. */
public final class SceneJobs {

    public static final String PARSE = "parse-scene";
    public static final String PUBLISH_METADATA = "publish-metadata";

    private SceneJobs() {
    }

    public static NewJob parse(UUID sceneId, String ownerId) {
        return NewJob.once(PARSE, sceneId.toString(), ownerId, Json.tree().put("sceneId", sceneId.toString()));
    }

    static NewJob publishMetadata(UUID sceneId, String ownerId) {
        return NewJob.once(PUBLISH_METADATA, sceneId.toString(), ownerId,
                Json.tree().put("sceneId", sceneId.toString()));
    }
}
