package org.vsekai.backpack.ingest.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.as;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.asAdmin;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.parsedScene;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.PostgresResource;
import org.vsekai.backpack.testkit.SqlProbe;
import org.vsekai.backpack.testkit.TopicProbe;
import org.vsekai.backpack.testkit.UserErasureProbe;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/**
 * A scene's shares on the real database: its owner shares it, the user it is shared with may then follow it (the
 * access the gateway asks for before an avatar stream, and the scene's poses), nobody else may, and an erasure of
 * either side removes the share.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "backpack_ingest"))
class ShareFlowTest {

    @Inject
    Pool pool;

    private final TopicProbe probe = TopicProbe.ofTestApplication();

    @Test
    void aSharedUserMayFollowTheSceneUntilItIsUnsharedAndNobodyElseMay() {
        String owner = "user-" + UUID.randomUUID();
        String friend = "user-" + UUID.randomUUID();
        String stranger = "user-" + UUID.randomUUID();
        String sceneId = parsedScene(owner);

        as(friend).get("/scenes/{id}/access", sceneId).then().statusCode(403)
                .body("type", endsWith("/not-shared"));
        as(owner).put("/scenes/{id}/shares/{user}", sceneId, friend).then().statusCode(201);
        as(owner).put("/scenes/{id}/shares/{user}", sceneId, friend).then().statusCode(204);
        as(friend).get("/scenes/{id}/access", sceneId).then().statusCode(204);
        as(friend).get("/scenes/{id}/poses", sceneId).then().statusCode(200).body("sceneId", equalTo(sceneId));
        // Following is not owning: the friend neither reads the scene itself nor manages its shares.
        as(friend).get("/scenes/{id}", sceneId).then().statusCode(403);
        as(friend).put("/scenes/{id}/shares/{user}", sceneId, stranger).then().statusCode(403);
        as(stranger).get("/scenes/{id}/access", sceneId).then().statusCode(403);
        as(stranger).get("/scenes/{id}/poses", sceneId).then().statusCode(403);

        as(owner).get("/scenes/{id}/shares", sceneId).then().statusCode(200)
                .body("shares.userId", equalTo(List.of(friend))).body("shares[0].sharedBy", equalTo(owner));
        as(owner).put("/scenes/{id}/shares/{user}", sceneId, owner).then().statusCode(400)
                .body("errors[0].field", equalTo("user"));
        as(owner).put("/scenes/{id}/shares/{user}", sceneId, "bad\u0001id").then().statusCode(400);
        as(owner).put("/scenes/{id}/shares/{user}", UUID.randomUUID().toString(), friend).then().statusCode(404);
        // An admin manages anyone's shares.
        asAdmin().put("/scenes/{id}/shares/{user}", sceneId, stranger).then().statusCode(201);
        as(stranger).get("/scenes/{id}/access", sceneId).then().statusCode(204);

        as(owner).delete("/scenes/{id}/shares/{user}", sceneId, friend).then().statusCode(204);
        as(owner).delete("/scenes/{id}/shares/{user}", sceneId, friend).then().statusCode(404)
                .body("type", endsWith("/share-not-found"));
        as(friend).get("/scenes/{id}/access", sceneId).then().statusCode(403);
        as(owner).get("/scenes/{id}/access", sceneId).then().statusCode(204);
    }

    @Test
    void aSceneIsSharedWithAtMostMaxSharesPerSceneUsers() {
        String owner = "user-" + UUID.randomUUID();
        String sceneId = parsedScene(owner);
        // %test: backpack.ingest.limits.max-shares-per-scene=3
        for (int i = 0; i < 3; i++) {
            as(owner).put("/scenes/{id}/shares/{user}", sceneId, "friend-" + i).then().statusCode(201);
        }
        as(owner).put("/scenes/{id}/shares/{user}", sceneId, "friend-3").then().statusCode(409)
                .contentType("application/problem+json").body("type", endsWith("/too-many-shares"));
        as(owner).put("/scenes/{id}/shares/{user}", sceneId, "friend-0").then().statusCode(204);
    }

    @Test
    void erasingTheOwnerOrTheFriendRemovesTheirShares() {
        String owner = "user-" + UUID.randomUUID();
        String friend = "user-" + UUID.randomUUID();
        String other = "user-" + UUID.randomUUID();
        String sceneId = parsedScene(owner);
        String otherScene = parsedScene(other);
        as(owner).put("/scenes/{id}/shares/{user}", sceneId, friend).then().statusCode(201);
        as(other).put("/scenes/{id}/shares/{user}", otherScene, friend).then().statusCode(201);
        as(other).put("/scenes/{id}/shares/{user}", otherScene, owner).then().statusCode(201);
        SqlProbe sql = new SqlProbe(pool);
        UserErasureProbe erasures = new UserErasureProbe(probe, sql);

        erasures.awaitProcessed(erasures.erase(friend));
        assertThat(sql.count("SELECT count(*) FROM scene_shares WHERE user_id = $1", friend)).isZero();
        assertThat(sql.count("SELECT count(*) FROM scene_shares WHERE user_id = $1", owner)).isEqualTo(1);

        erasures.awaitProcessed(erasures.erase(owner));
        assertThat(sql.count("SELECT count(*) FROM scene_shares WHERE user_id = $1", owner)).isZero();
        as(other).get("/scenes/{id}/shares", otherScene).then().statusCode(200).body("shares.size()", equalTo(0));
    }
}
