package org.vsekai.backpack.kit.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class ProblemMappersTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String P = FailingResource.PATH;

    @Test
    void answersAProblemExceptionWithItsProblemAndTheRequestPath() {
        problem(given().get(P + "/teapots/{name}", "earl grey"), 418)
                .body("type", equalTo("https://backpack.v-sekai.org/problems/teapot"))
                .body("title", equalTo("I'm a teapot"))
                .body("detail", equalTo("earl grey is a teapot"))
                .body("instance", equalTo(P + "/teapots/earl%20grey"));
    }

    @Test
    void namesEachInvalidParameterAsTheClientKnowsIt() {
        problem(given().queryParam("limit", 0).queryParam("tag", "tea", "oolong")
                .get(P + "/items/{id}", "long-id"), 400)
                .body("type", equalTo("https://backpack.v-sekai.org/problems/invalid-request"))
                .body("errors.field", org.hamcrest.Matchers.contains("item-id", "limit", "tag[1]"))
                .body("errors.find { it.field == 'limit' }.message", containsString("greater than or equal to 1"))
                .body("instance", equalTo(P + "/items/long-id"));
    }

    @Test
    void namesInvalidBodyFieldsByTheirPathInTheBody() {
        problem(given().contentType("application/json")
                .body("{\"name\": \" \", \"lines\": [{\"quantity\": 2}, {\"quantity\": 0}]}")
                .post(P + "/orders"), 400)
                .body("errors.field", org.hamcrest.Matchers.contains("lines[1].quantity", "name"));
    }

    @Test
    void aMissingBodyIsAnInvalidRequest() {
        problem(given().contentType("application/json").post(P + "/orders"), 400)
                .body("errors.field", org.hamcrest.Matchers.contains("order"));
    }

    @Test
    void aBrokenReturnValueIsTheServicesFault() {
        problem(given().get(P + "/broken-promise"), 500)
                .body("type", equalTo("https://backpack.v-sekai.org/problems/internal-error"))
                .body("$", not(hasKey("errors")));
    }

    @Test
    void malformedJsonIsABadRequest() {
        problem(given().contentType("application/json").body("{\"name\": ").post(P + "/orders"), 400)
                .body("title", equalTo("Invalid request"))
                .body("detail", startsWith("The body is not valid JSON"))
                .body("detail", containsString("line 1"));
    }

    @Test
    void jsonOfTheWrongShapeNamesTheFieldWithoutJavaTypes() {
        problem(given().contentType("application/json")
                .body("{\"name\": \"tea\", \"lines\": [{\"quantity\": \"many\"}]}").post(P + "/orders"), 400)
                .body("detail", equalTo("The body is not of the shape this request takes"))
                .body("errors[0].field", equalTo("lines[0].quantity"))
                .body(not(containsString("org.vsekai")))
                .body(not(containsString("java.")));
    }

    @Test
    void unreadableJsonWrappedInAWebApplicationExceptionIsABadRequest() {
        problem(given().get(P + "/wrapped-json"), 400)
                .body("detail", startsWith("The body is not valid JSON: Unexpected end-of-input"));
    }

    @Test
    void theServicesOwnJsonFailingIsA500() {
        problem(given().get(P + "/own-json"), 500)
                .body("type", equalTo("https://backpack.v-sekai.org/problems/internal-error"))
                .body(not(containsString(FailingResource.SECRET)));
    }

    @Test
    void anUnknownPathIsA404ProblemEvenForABrowser() {
        problem(given().accept("text/html").get("/nothing-here"), 404)
                .body("title", equalTo("Not Found"))
                .body("detail", equalTo("No resource at this path"))
                .body("instance", equalTo("/nothing-here"));
    }

    @Test
    void anUnreadableParameterIsA404ThatSaysSo() {
        problem(given().queryParam("limit", "ten").get(P + "/items/{id}", "a"), 404)
                .body("detail", containsString("parameter"))
                .body(not(containsString("NumberFormat")));
    }

    @Test
    void aWrongMethodIs405AndTellsHowToLearnTheAllowedOnes() {
        problem(given().delete(P + "/orders"), 405)
                .body("title", equalTo("Method Not Allowed"))
                .body("detail", containsString("does not take DELETE"));
        given().options(P + "/orders").then().header("Allow", containsString("POST"));
    }

    @Test
    void aMethodRefusedWithAnAllowHeaderKeepsIt() {
        problem(given().get(P + "/read-only"), 405)
                .header("Allow", allOf(containsString("HEAD"), containsString("OPTIONS")));
    }

    @Test
    void anUnsupportedMediaTypeIs415() {
        problem(given().contentType("text/plain").body("tea").post(P + "/orders"), 415)
                .body("title", equalTo("Unsupported Media Type"));
    }

    @Test
    void aServerErrorStatusKeepsItsHeadersButSaysNothingOfItsCause() {
        problem(given().get(P + "/unavailable"), 503)
                .header("Retry-After", equalTo("7"))
                .body("title", equalTo("Service Unavailable"))
                .body("detail", nullValue());
    }

    @Test
    void aRedirectStaysARedirect() {
        given().redirects().follow(false).get(P + "/moved")
                .then().statusCode(303)
                .header("Location", endsWith("/elsewhere"));
    }

    @Test
    void anUnexpectedFailureIsA500WithAnIncidentIdAndNothingOfTheCause() {
        problem(given().get(P + "/unexpected"), 500)
                .body("title", equalTo("Internal Server Error"))
                .body("detail", matchesPattern("The service failed unexpectedly; the incident id is [0-9a-f-]{36}"))
                .body(allOf(not(containsString(FailingResource.SECRET)), not(containsString("IllegalState")),
                        not(containsString("\tat ")), not(containsString("FailingResource"))));
    }

    private static ValidatableResponse problem(io.restassured.response.Response response, int status) {
        return response.then()
                .statusCode(status)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(status));
    }
}
