package org.vsekai.backpack.testkit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.restassured.response.ValidatableResponse;

/**
 * The checks of the operational surface every Backpack service shares (health, metrics, OpenAPI); each service's
 * test passes its own expected names and adds its own checks to the returned response.
 */
public final class ServiceEndpoints {

    /** The readiness check smallrye-reactive-messaging reports per channel. */
    public static final String MESSAGING_READINESS = "SmallRye Reactive Messaging - readiness check";

    private ServiceEndpoints() {
    }

    /** Readiness is UP and lists at least the given checks. */
    public static ValidatableResponse assertReady(String... checkNames) {
        return given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(checkNames));
    }

    /** The path of one messaging channel's state inside the readiness body ("[OK]" when healthy). */
    public static String channelReadiness(String channel) {
        return "checks.find { it.name == '" + MESSAGING_READINESS + "' }.data." + channel;
    }

    public static void assertLive() {
        given().get("/q/health/live")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    /** The Prometheus scrape contains every given fragment (metric names, tags). */
    public static ValidatableResponse assertMetricsContain(String... fragments) {
        ValidatableResponse response = given().get("/q/metrics").then().statusCode(200);
        for (String fragment : fragments) {
            response.body(containsString(fragment));
        }
        return response;
    }

    /** The OpenAPI document (as JSON) carries the service's title and a description mentioning the fragment. */
    public static ValidatableResponse assertOpenApi(String title, String descriptionFragment) {
        return given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo(title))
                .body("info.description", containsString(descriptionFragment));
    }
}
