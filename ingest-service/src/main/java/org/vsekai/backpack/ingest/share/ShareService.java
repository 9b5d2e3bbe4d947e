package org.vsekai.backpack.ingest.share;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.Identifiers;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.ingest.config.IngestLimits;
import org.vsekai.backpack.ingest.scene.Scene;
import org.vsekai.backpack.ingest.scene.SceneProblems;
import org.vsekai.backpack.ingest.scene.SceneStore;
import org.vsekai.backpack.ingest.sql.Times;
import org.vsekai.backpack.kit.identity.Caller;
import org.vsekai.backpack.kit.problem.ProblemException;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A scene's owner (or an admin) shares it with other users, who may then follow it: its avatar stream and its poses.
 * Who may manage a scene's shares is who may change the scene: its owner or an admin.
 */
@ApplicationScoped
public class ShareService {

    private final Pool pool;
    private final SceneStore scenes;
    private final ShareStore shares;
    private final IngestLimits limits;

    public ShareService(Pool pool, SceneStore scenes, ShareStore shares, IngestLimits limits) {
        this.pool = pool;
        this.scenes = scenes;
        this.shares = shares;
        this.limits = limits;
    }

    /** The scene, when {@code caller} may follow it (its owner, an admin, or a user it is shared with). */
    public Uni<Scene> requireFollowable(Caller caller, UUID sceneId) {
        return scenes.find(pool, sceneId).chain(scene -> {
            if (scene == null || caller.mayActFor(scene.ownerId())) {
                return Uni.createFrom().item(SceneProblems.requireVisible(scene, sceneId, caller));
            }
            return shares.exists(pool, sceneId, caller.userId()).map(shared -> {
                if (!shared) {
                    throw new ProblemException(Problem.ofType("not-shared", 403, "Not shared with you",
                            "Scene " + sceneId + " is another user's and not shared with this user"));
                }
                return scene;
            });
        });
    }

    /** Shares the scene with {@code userId}: true when new, false when it already was. */
    public Uni<Boolean> share(Caller caller, UUID sceneId, String userId) {
        requireUserId(userId);
        return pool.withTransaction(transaction -> scenes.lock(transaction, sceneId)
                .map(scene -> SceneProblems.requireVisible(scene, sceneId, caller))
                .chain(scene -> {
                    if (scene.ownerId().equals(userId)) {
                        throw new ProblemException(Problem.invalid("A scene is not shared with its owner",
                                List.of(new Problem.FieldError("user", "is the scene's owner"))));
                    }
                    return shares.exists(transaction, sceneId, userId).chain(already -> already
                            ? Uni.createFrom().item(false)
                            : shares.count(transaction, sceneId).chain(count -> {
                                if (count >= limits.maxSharesPerScene()) {
                                    throw new ProblemException(Problem.ofType("too-many-shares", 409,
                                            "Too many shares", "Scene " + sceneId + " is shared with "
                                                    + limits.maxSharesPerScene() + " users, the limit"));
                                }
                                return shares.insert(transaction, sceneId, userId, caller.userId(), Times.now());
                            }));
                }));
    }

    /** Stops sharing the scene with {@code userId}; 404 when it was not shared with them. */
    public Uni<Void> unshare(Caller caller, UUID sceneId, String userId) {
        requireUserId(userId);
        return scenes.find(pool, sceneId).map(scene -> SceneProblems.requireVisible(scene, sceneId, caller))
                .chain(scene -> shares.delete(pool, sceneId, userId)).invoke(removed -> {
                    if (!removed) {
                        throw new ProblemException(Problem.ofType("share-not-found", 404, "No such share",
                                "Scene " + sceneId + " is not shared with " + userId));
                    }
                }).replaceWithVoid();
    }

    public Uni<SceneShares> of(Caller caller, UUID sceneId) {
        return scenes.find(pool, sceneId).map(scene -> SceneProblems.requireVisible(scene, sceneId, caller))
                .chain(scene -> shares.ofScene(pool, sceneId)).map(found -> new SceneShares(sceneId, found));
    }

    private static void requireUserId(String userId) {
        Identifiers.problemWith(userId).ifPresent(problem -> {
            throw new ProblemException(Problem.invalid("The user id is not valid",
                    List.of(new Problem.FieldError("user", problem))));
        });
    }
}
