package org.vsekai.backpack.metadata.jsonld;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.PostgresResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The JSON-LD endpoints over HTTP, with the service's configured limits (timeout 2s in the test profile). */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "backpack_metadata"))
class JsonLdResourceTest {

    private static final String LD_JSON = "application/ld+json";
    private static final String PROBLEM = "application/problem+json";

    private static final String CHAIR = """
            {"@context": "https://backpack.v-sekai.org/contexts/backpack.jsonld",
             "id": "urn:backpack:item:chair", "type": "Prop", "name": "Chair", "creator": "urn:backpack:user:ada",
             "keywords": ["wood", "seat"]}""";

    @Test
    void expandAnswersTheExpandedFormAsJsonLd() {
        post("expand", "{\"document\": " + CHAIR + "}")
                .statusCode(200)
                .contentType(LD_JSON)
                .body("", hasSize(1))
                .body("[0].'@id'", equalTo("urn:backpack:item:chair"))
                .body("[0].'@type'[0]", equalTo("https://backpack.v-sekai.org/ns#Prop"))
                .body("[0].'http://schema.org/name'[0].'@value'", equalTo("Chair"))
                .body("[0].'http://schema.org/keywords'", hasSize(2));
    }

    @Test
    void aVisionRecordExpandsOfflineIntoTheBackpackVocabulary() {
        // A detections record as the vision-service publishes it, under the contracts' vision context.
        post("expand", """
                {"document": {"@context": "https://backpack.v-sekai.org/contexts/vision.jsonld",
                 "sceneId": "5b9d4c39-7b36-4c2f-9f0e-1d3c8e0a7f11", "model": "rf-detr", "imageWidth": 320,
                 "detections": [{"label": "chair", "score": 0.88,
                                 "classIri": "https://backpack.v-sekai.org/ns/classes/chair",
                                 "box": {"x": 1.5, "y": 2, "width": 3, "height": 4}}]}}""")
                .statusCode(200)
                .body("[0].'https://backpack.v-sekai.org/ns#scene'[0].'@id'",
                        equalTo("urn:uuid:5b9d4c39-7b36-4c2f-9f0e-1d3c8e0a7f11"))
                .body("[0].'https://backpack.v-sekai.org/ns#detected'[0].'@list'[0]"
                        + ".'https://backpack.v-sekai.org/ns#objectClass'[0].'@value'", equalTo("chair"))
                .body("[0].'https://backpack.v-sekai.org/ns#detected'[0].'@list'[0]"
                        + ".'https://backpack.v-sekai.org/ns#objectClassIri'[0].'@id'",
                        equalTo("https://backpack.v-sekai.org/ns/classes/chair"));
        // The same IRIs compact to the Backpack context's terms.
        post("compact", """
                {"document": {"@context": "https://backpack.v-sekai.org/contexts/vision.jsonld",
                 "detections": [{"label": "chair", "classId": 62}], "imageWidth": 320},
                 "context": "https://backpack.v-sekai.org/contexts/backpack.jsonld"}""")
                .statusCode(200)
                .body("imageWidth", equalTo(320))
                .body("detected[0].objectClass", equalTo("chair"))
                .body("detected[0].classIndex", equalTo(62));
    }

    @Test
    void aJsonLdBodyIsTakenToo() {
        given().contentType(LD_JSON).body("{\"document\": " + CHAIR + "}")
                .post("/jsonld/expand")
                .then().statusCode(200)
                .body("[0].'@id'", equalTo("urn:backpack:item:chair"));
    }

    @Test
    void aClientThatAcceptsOnlyJsonGetsJson() {
        given().contentType("application/json").accept("application/json").body("{\"document\": " + CHAIR + "}")
                .post("/jsonld/expand")
                .then().statusCode(200)
                .contentType("application/json")
                .body("[0].'@id'", equalTo("urn:backpack:item:chair"));
    }

    @Test
    void aBodyThatIsNotJsonByItsTypeIsA415() {
        given().contentType("text/plain").body("{\"document\": {}}")
                .post("/jsonld/expand")
                .then().statusCode(415)
                .contentType(PROBLEM);
    }

    @Test
    void compactToABundledContextNamedByUrl() {
        post("compact", "{\"document\": " + CHAIR + ", \"context\": \"http://schema.org\"}")
                .statusCode(200)
                .contentType(LD_JSON)
                .body("'@context'", equalTo("http://schema.org"))
                .body("name", equalTo("Chair"))
                .body("keywords", hasSize(2))
                .body("type", equalTo("https://backpack.v-sekai.org/ns#Prop"));
    }

    @Test
    void compactToAnInlineContext() {
        post("compact", "{\"document\": " + CHAIR + ", \"context\": {\"@context\": "
                + "{\"title\": \"http://schema.org/name\"}}}")
                .statusCode(200)
                .body("title", equalTo("Chair"))
                .body("'@context'.title", equalTo("http://schema.org/name"));
    }

    @Test
    void flattenGivesEveryNodeAtTheTop() {
        post("flatten", """
                {"document": {"@context": {"@vocab": "http://example.org/"}, "@id": "http://example.org/scene",
                  "camera": {"@id": "http://example.org/cam0", "yfov": 0.8}},
                 "context": {"@vocab": "http://example.org/"}}""")
                .statusCode(200)
                .body("'@graph'", hasSize(2))
                .body("'@graph'.find { it.'@id' == 'http://example.org/scene' }.camera.'@id'",
                        equalTo("http://example.org/cam0"));
    }

    @Test
    void frameShapesTheGraph() {
        post("frame", """
                {"document": {"@context": {"@vocab": "http://example.org/"}, "@graph": [
                   {"@id": "http://example.org/d1", "@type": "Detection", "objectClass": "chair"},
                   {"@id": "http://example.org/k1", "@type": "KeypointSet"}]},
                 "frame": {"@context": {"@vocab": "http://example.org/"}, "@type": "Detection"}}""")
                .statusCode(200)
                .body("'@id'", equalTo("http://example.org/d1"))
                .body("objectClass", equalTo("chair"));
    }

    @Test
    void aContextThatIsNotBundledIsA422NamingTheUrl() {
        post("expand", "{\"document\": {\"@context\": \"https://evil.example/ctx.jsonld\", \"a\": 1}}")
                .statusCode(422)
                .contentType(PROBLEM)
                .body("type", endsWith("/problems/jsonld/loading-remote-context-failed"))
                .body("detail", startsWith("LOADING_REMOTE_CONTEXT_FAILED"))
                .body("detail", containsString("https://evil.example/ctx.jsonld"))
                .body("instance", equalTo("/jsonld/expand"));
        post("compact", "{\"document\": " + CHAIR + ", \"context\": \"https://evil.example/ctx.jsonld\"}")
                .statusCode(422)
                .body("type", endsWith("/problems/jsonld/loading-remote-context-failed"));
    }

    @Test
    void aJsonLdErrorIsA422WithItsCode() {
        post("expand", "{\"document\": {\"@context\": {\"@id\": \"@type\"}, \"a\": 1}}")
                .statusCode(422)
                .contentType(PROBLEM)
                .body("type", endsWith("/problems/jsonld/keyword-redefinition"))
                .body("detail", startsWith("KEYWORD_REDEFINITION"));
    }

    @Test
    void malformedJsonIsA400() {
        post("expand", "{\"document\": [1, 2")
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", startsWith("The body is not valid JSON"));
    }

    @Test
    void aMissingMemberIsA400NamingIt() {
        post("expand", "{\"doc\": {}}")
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("document"));
        post("compact", "{\"document\": {}}")
                .statusCode(400)
                .body("errors[0].field", equalTo("context"));
        post("frame", "{\"document\": {}, \"frame\": 3}")
                .statusCode(400)
                .body("errors[0].field", equalTo("frame"));
    }

    @Test
    void aBodyOverTheSizeLimitIsA413() {
        post("expand", "{\"document\": {\"x\": \"" + "a".repeat(1_048_576) + "\"}}")
                .statusCode(413)
                .contentType(PROBLEM)
                .body("type", endsWith("/problems/jsonld-limit/document-size"));
    }

    @Test
    void nestingOverTheDepthLimitIsA413() {
        post("expand", "{\"document\": " + "[".repeat(64) + "]".repeat(64) + "}")
                .statusCode(413)
                .body("type", endsWith("/problems/jsonld-limit/nesting-depth"));
        post("expand", "{\"document\": " + "[".repeat(63) + "]".repeat(63) + "}")
                .statusCode(200);
    }

    @Test
    void tooManyValuesIsA413() {
        post("expand", "{\"document\": [" + "0,".repeat(100_000) + "0]}")
                .statusCode(413)
                .body("type", endsWith("/problems/jsonld-limit/node-count"));
    }

    @Test
    void aFrameThatEmbedsAlwaysIsA422() {
        post("frame", "{\"document\": " + JsonLdProcessorTest.hubAndSpokes(250, 250) + ", \"frame\": "
                + "{\"@context\": {\"@vocab\": \"http://example.org/\"}, \"@type\": \"Spoke\", \"@embed\": \"@always\"}}")
                .statusCode(422)
                .contentType(PROBLEM)
                .body("type", endsWith("/problems/jsonld-limit/embed-always"));
    }

    @Test
    void aResultThatGrowsBeyondTheLimitIsA422() {
        // Each typed string becomes a value object of three JSON values: three times the input, over the test
        // profile's growth limit of 2 (and its floor of 1000 values).
        String typed = "{\"document\": {\"@context\": {\"p\": {\"@id\": \"http://example.org/p\", "
                + "\"@type\": \"http://example.org/T\"}}, \"p\": [";
        post("expand", typed + "\"x\",".repeat(999) + "\"x\"]}}")
                .statusCode(422)
                .contentType(PROBLEM)
                .body("type", endsWith("/problems/jsonld-limit/expansion-growth"));
        post("expand", typed + "\"x\",".repeat(99) + "\"x\"]}}")
                .statusCode(200)
                .body("[0].'http://example.org/p'", hasSize(100));
    }

    @Test
    void aLongPrefixUsedByManyValuesIsA422BeforeExpanding() {
        post("expand", "{\"document\": " + JsonLdProcessorTest.longPrefix(200_000, 3_000, false) + "}")
                .statusCode(422)
                .contentType(PROBLEM)
                .body("type", endsWith("/problems/jsonld-limit/output-size"));
    }

    @Test
    void aScopedContextBombIsStoppedByTheTimeout() {
        post("expand", "{\"document\": " + JsonLdProcessorTest.scopedContextBomb(20_000) + "}")
                .statusCode(422)
                .contentType(PROBLEM)
                .body("type", endsWith("/problems/jsonld/processing-timeout-exceeded"))
                .body("detail", containsString("2000 ms"));
    }

    @Test
    void theEndpointsAreInTheOpenApiDocument() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/jsonld/expand'.post", notNullValue())
                .body("paths.'/jsonld/compact'.post", notNullValue())
                .body("paths.'/jsonld/flatten'.post", notNullValue())
                .body("paths.'/jsonld/frame'.post", notNullValue());
    }

    private static ValidatableResponse post(String operation, String body) {
        return given().contentType("application/json").body(body)
                .post("/jsonld/" + operation)
                .then();
    }
}
