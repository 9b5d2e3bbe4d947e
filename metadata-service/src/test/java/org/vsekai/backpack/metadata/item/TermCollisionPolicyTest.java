package org.vsekai.backpack.metadata.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonReader;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.metadata.context.BundledContextLoader;
import org.vsekai.backpack.metadata.context.BundledContexts;
import org.vsekai.backpack.metadata.jsonld.JsonLdProcessor;
import org.vsekai.backpack.metadata.jsonld.JsonLdRejection;
import org.vsekai.backpack.metadata.jsonld.TestLimits;

import com.apicatalog.jsonld.document.JsonDocument;

/**
 * The namespace policy of docs/adr/0006 and 0011: one term, one IRI wherever contexts are in force in a document,
 * or a 422 naming both.
 */
class TermCollisionPolicyTest {

    private static final String BACKPACK = "\"https://backpack.v-sekai.org/contexts/backpack.jsonld\"";
    private static final String PROBLEMS = "https://backpack.v-sekai.org/problems/jsonld/";

    private static JsonLdProcessor processor;

    @BeforeAll
    static void openProcessor() {
        processor = new JsonLdProcessor(BundledContextLoader.of(BundledContexts.load()), TestLimits.defaults());
    }

    @AfterAll
    static void closeProcessor() {
        processor.close();
    }

    @Test
    void twoContextsThatGiveOneTermDifferentIrisAreRefusedNamingTheTermAndBothIris() {
        JsonLdRejection rejection = reject("""
                ["https://www.w3.org/ns/activitystreams", {"name": "http://xmlns.com/foaf/0.1/name"}]""");

        assertThat(rejection.problem().status()).isEqualTo(422);
        assertThat(rejection.problem().type()).isEqualTo(PROBLEMS + "term-collision");
        assertThat(rejection.problem().detail())
                .contains("\"name\"", "https://www.w3.org/ns/activitystreams#name", "http://xmlns.com/foaf/0.1/name",
                        "context https://www.w3.org/ns/activitystreams", "@context[1]");
    }

    @Test
    void twoBundledContextsThatDisagreeAreRefusedToo() {
        // schema.org's Map is a map picture, ours a world: in this order nothing is protected, yet they clash.
        JsonLdRejection rejection = reject("[\"https://schema.org/\", " + BACKPACK + "]");

        assertThat(rejection.problem().type()).isEqualTo(PROBLEMS + "term-collision");
        assertThat(rejection.problem().detail()).contains("http://schema.org/", "https://backpack.v-sekai.org/ns#");
    }

    @Test
    void redefiningAProtectedBackpackTermIsRefusedNamingTheTermAndBothIris() {
        JsonLdRejection rejection = reject("[" + BACKPACK + ", {\"creator\": \"http://purl.org/dc/terms/creator\"}]");

        assertThat(rejection.problem().status()).isEqualTo(422);
        assertThat(rejection.problem().type()).isEqualTo(PROBLEMS + "protected-term-redefinition");
        assertThat(rejection.code()).hasToString("PROTECTED_TERM_REDEFINITION");
        assertThat(rejection.problem().detail()).contains("\"creator\"", "http://schema.org/creator",
                "http://purl.org/dc/terms/creator", "context https://backpack.v-sekai.org/contexts/backpack.jsonld");
    }

    @Test
    void aBundledContextAfterTheBackpackOneMayNotRedefineItsTermsEither() {
        JsonLdRejection rejection = reject("[" + BACKPACK + ", \"https://schema.org/\"]");

        assertThat(rejection.problem().type()).isEqualTo(PROBLEMS + "protected-term-redefinition");
        assertThat(rejection.problem().detail()).contains("https://backpack.v-sekai.org/ns#", "http://schema.org/");
    }

    @Test
    void redefiningATermToTheSameIriIsAllowed() {
        assertThatCode(() -> check("[" + BACKPACK + ", {\"name\": {\"@id\": \"http://schema.org/name\"}, "
                + "\"schema\": \"http://schema.org/\", \"keywords\": \"schema:keywords\"}]"))
                .doesNotThrowAnyException();
    }

    @Test
    void contextsThatAddTermsWithoutOverlapAreAllowed() {
        assertThatCode(() -> check("[" + BACKPACK + ", \"https://backpack.v-sekai.org/contexts/xmp.jsonld\", "
                + "{\"colour\": \"http://example.org/colour\"}]")).doesNotThrowAnyException();
        assertThatCode(() -> check("\"https://schema.org/\"")).doesNotThrowAnyException();
    }

    // --- Contexts below the top level (docs/adr/0011): embedded in nodes, property-scoped and type-scoped.

    @Test
    void aContextEmbeddedInANodeMayNotRedefineAProtectedTerm() {
        JsonLdRejection rejection = rejectDocument("""
                {"@context": [%s, {"ex": "http://example.org/"}], "type": "Scene", "name": "Lobby",
                 "ex:part": {"@context": {"name": "http://xmlns.com/foaf/0.1/name"}, "name": "Chair"}}"""
                .formatted(BACKPACK));

        assertThat(rejection.problem().type()).isEqualTo(PROBLEMS + "protected-term-redefinition");
        assertThat(rejection.problem().detail()).contains("\"name\"", "http://schema.org/name",
                "http://xmlns.com/foaf/0.1/name", "embedded at /ex:part");
    }

    @Test
    void aContextEmbeddedDeeperThatDisagreesWithAnUnprotectedOneIsACollision() {
        JsonLdRejection rejection = rejectDocument("""
                {"@context": "https://www.w3.org/ns/activitystreams", "type": "Create",
                 "object": [{"type": "Note"}, {"type": "Note", "attachment": {
                   "@context": {"name": "http://schema.org/name"}, "name": "x"}}]}""");

        assertThat(rejection.problem().type()).isEqualTo(PROBLEMS + "term-collision");
        assertThat(rejection.problem().detail()).contains("https://www.w3.org/ns/activitystreams#name",
                "http://schema.org/name", "embedded at /object/1/attachment");
    }

    @Test
    void aPropertyScopedContextMayNotRedefineAProtectedTermWhereThePropertyIsUsed() {
        String context = """
                [%s, {"part": {"@id": "http://example.org/part",
                               "@context": {"creator": "http://purl.org/dc/terms/creator"}}}]""".formatted(BACKPACK);

        JsonLdRejection rejection = rejectDocument("""
                {"@context": %s, "type": "Prop", "part": {"creator": "urn:backpack:user:ada"}}""".formatted(context));

        assertThat(rejection.problem().type()).isEqualTo(PROBLEMS + "protected-term-redefinition");
        assertThat(rejection.problem().detail()).contains("\"creator\"", "http://schema.org/creator",
                "http://purl.org/dc/terms/creator", "scoped to property \"part\"");
        // Defined but not used, the scoped context is never in force: nothing to refuse.
        assertThatCode(() -> checkDocument("""
                {"@context": %s, "type": "Prop", "name": "x"}""".formatted(context))).doesNotThrowAnyException();
    }

    @Test
    void aTypeScopedContextMayNotRedefineAProtectedTerm() {
        JsonLdRejection rejection = rejectDocument("""
                {"@context": [%s, {"Special": {"@id": "http://example.org/Special",
                   "@context": {"license": "http://purl.org/dc/terms/license"}}}],
                 "type": ["Prop", "Special"], "license": "https://creativecommons.org/licenses/by/4.0/"}"""
                .formatted(BACKPACK));

        assertThat(rejection.problem().type()).isEqualTo(PROBLEMS + "protected-term-redefinition");
        assertThat(rejection.problem().detail()).contains("\"license\"", "http://purl.org/dc/terms/license",
                "scoped to type \"Special\"");
    }

    @Test
    void aTypeScopedContextThatDisagreesWithAnUnprotectedOneIsACollision() {
        JsonLdRejection rejection = rejectDocument("""
                {"@context": ["https://www.w3.org/ns/activitystreams", {"Listing": {"@id": "http://example.org/L",
                   "@context": {"name": "http://schema.org/name"}}}], "type": "Listing", "name": "x"}""");

        assertThat(rejection.problem().type()).isEqualTo(PROBLEMS + "term-collision");
        assertThat(rejection.problem().detail()).contains("https://www.w3.org/ns/activitystreams#name",
                "http://schema.org/name", "scoped to type \"Listing\"");
    }

    @Test
    void nestedAndScopedContextsThatAgreeOrOnlyAddTermsAreAllowed() {
        assertThatCode(() -> checkDocument("""
                {"@context": [%s, {"ex": "http://example.org/",
                   "part": {"@id": "http://example.org/part", "@context": {"colour": "http://example.org/colour"}},
                   "Special": {"@id": "http://example.org/Special", "@context": {"name": "http://schema.org/name"}}}],
                 "type": ["Prop", "Special"], "name": "x", "part": {"colour": "red", "name": {"@value": "y"}},
                 "ex:child": {"@context": {"size": "http://example.org/size"}, "size": 3, "name": "z"}}"""
                .formatted(BACKPACK))).doesNotThrowAnyException();
    }

    private static JsonLdRejection rejectDocument(String document) {
        JsonLdRejection rejection = catchThrowableOfType(JsonLdRejection.class, () -> checkDocument(document));
        assertThat(rejection).as("a rejection for " + document).isNotNull();
        return rejection;
    }

    private static void checkDocument(String document) {
        try (JsonReader reader = Json.createReader(new StringReader(document))) {
            processor.expandToStore(JsonDocument.of(reader.readObject()), 1_000);
        }
    }

    private static JsonLdRejection reject(String context) {
        JsonLdRejection rejection = catchThrowableOfType(JsonLdRejection.class, () -> check(context));
        assertThat(rejection).as("a rejection for @context " + context).isNotNull();
        return rejection;
    }

    private static void check(String context) {
        try (JsonReader reader = Json.createReader(new StringReader("{\"@context\": " + context + "}"))) {
            processor.expandToStore(JsonDocument.of(reader.readObject()), 1_000);
        }
    }
}
