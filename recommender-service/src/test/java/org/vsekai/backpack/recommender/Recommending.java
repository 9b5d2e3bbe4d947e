package org.vsekai.backpack.recommender;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.http.Paging;
import org.vsekai.backpack.contracts.recommendation.Recommendations;
import org.vsekai.backpack.contracts.recommendation.ScoredItem;
import org.vsekai.backpack.contracts.recommendation.SimilarItems;

import io.restassured.http.ContentType;

/**
 * Asks the recommendation and backpack endpoints what they serve, as the gateway would; every answer must be a
 * 200. Without a limit, as many items as a request may ask for ({@link Paging#MAX_LIMIT}).
 */
public final class Recommending {

    private Recommending() {
    }

    public static Recommendations forUser(String user, String kind) {
        return forUser(user, kind, Paging.MAX_LIMIT);
    }

    /** {@code kind} null for any kind. */
    public static Recommendations forUser(String user, String kind, int limit) {
        var request = given().queryParam("limit", limit);
        if (kind != null) {
            request = request.queryParam("kind", kind);
        }
        return request.get("/users/{id}/recommendations", user).then().statusCode(200).extract()
                .as(Recommendations.class);
    }

    /** What a user the recommender has never seen is offered: the popular items. */
    public static Recommendations popular(String kind) {
        return forUser("nobody-" + UUID.randomUUID(), kind);
    }

    public static SimilarItems similar(String item, String kind) {
        return given().queryParam("limit", Paging.MAX_LIMIT).queryParam("kind", kind).get("/items/{id}/similar", item)
                .then().statusCode(200).extract().as(SimilarItems.class);
    }

    public static Recommendations session(List<String> items, String kind) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("items", items, "limit", Paging.MAX_LIMIT, "kind", kind))
                .post("/recommendations").then().statusCode(200).extract().as(Recommendations.class);
    }

    /** The items in the user's backpack, asked by the user. */
    public static List<String> backpack(String user) {
        return given().header(ForwardedIdentity.USER_HEADER, user).get("/users/{id}/backpack", user).then()
                .statusCode(200).extract().jsonPath().getList("items.itemId", String.class);
    }

    public static List<String> ids(Recommendations recommendations) {
        return ids(recommendations.items());
    }

    public static List<String> ids(SimilarItems similar) {
        return ids(similar.items());
    }

    private static List<String> ids(List<ScoredItem> items) {
        return items.stream().map(ScoredItem::itemId).toList();
    }
}
