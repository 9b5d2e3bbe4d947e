package org.vsekai.backpack.ingest.scene;

import java.util.UUID;

import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.identity.Caller;
import org.vsekai.backpack.kit.problem.ProblemException;

/** The problems of scene requests. */
public final class SceneProblems {

    private SceneProblems() {
    }

    public static ProblemException notFound(UUID sceneId) {
        return new ProblemException(Problem.ofType("scene-not-found", 404, "Scene not found",
                "No scene has id " + sceneId));
    }

    /** The scene, when the caller owns it or is an admin; 404 or 403 otherwise. */
    public static Scene requireVisible(Scene scene, UUID sceneId, Caller caller) {
        if (scene == null) {
            throw notFound(sceneId);
        }
        if (!caller.mayActFor(scene.ownerId())) {
            throw new ProblemException(Problem.ofType("not-scene-owner", 403, "Not the owner of this scene",
                    "Scene " + sceneId + " is another user's"));
        }
        return scene;
    }

    public static ProblemException notReady(Scene scene) {
        return scene.state() == SceneState.FAILED
                ? new ProblemException(Problem.ofType("scene-failed", 409, "The scene failed",
                        "Scene " + scene.id() + " could not be processed: " + scene.error()))
                : new ProblemException(Problem.ofType("scene-not-parsed", 409, "The scene is not parsed yet",
                        "Scene " + scene.id() + " is " + scene.state() + "; its cameras are known once it is PARSED. "
                                + "Retry shortly."));
    }

    public static ProblemException cameraNotFound(UUID sceneId, String camera) {
        return new ProblemException(Problem.ofType("camera-not-found", 404, "Camera not found",
                "Scene " + sceneId + " has no camera " + camera));
    }
}
