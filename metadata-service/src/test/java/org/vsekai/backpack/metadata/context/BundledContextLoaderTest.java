package org.vsekai.backpack.metadata.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import jakarta.json.JsonObject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.loader.DocumentLoaderOptions;

class BundledContextLoaderTest {

    private final DocumentLoader loader = BundledContextLoader.of(BundledContexts.load());

    @ParameterizedTest
    @ValueSource(strings = {"https://schema.org/", "https://schema.org", "http://schema.org", "http://schema.org/",
            "https://schema.org/docs/jsonldcontext.jsonld", "http://schema.org/docs/jsonldcontext.jsonld",
            "HTTPS://Schema.org/"})
    void everySchemaOrgSpellingIsTheBundledRelease(String url) throws JsonLdError {
        JsonObject context = contextOf(loader.loadDocument(URI.create(url), new DocumentLoaderOptions()));

        assertThat(context.getString("@vocab")).isEqualTo("http://schema.org/");
        assertThat(context).containsKeys("Map", "keywords", "yield").hasSize(3081);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://www.w3.org/ns/activitystreams", "http://www.w3.org/ns/activitystreams",
            "https://www.w3.org/ns/activitystreams/", "https://www.w3.org/ns/activitystreams#"})
    void activityStreamsIsBundled(String url) throws JsonLdError {
        JsonObject context = contextOf(loader.loadDocument(URI.create(url), new DocumentLoaderOptions()));

        assertThat(context.getString("as")).isEqualTo("https://www.w3.org/ns/activitystreams#");
        assertThat(context).containsKeys("Like", "actor", "alsoKnownAs");
    }

    @ParameterizedTest
    @ValueSource(strings = {BundledContexts.BACKPACK, BundledContexts.XMP})
    void ourOwnContextsAreBundled(String url) throws JsonLdError {
        Document document = loader.loadDocument(URI.create(url), new DocumentLoaderOptions());

        assertThat(document.getDocumentUrl()).isEqualTo(URI.create(url));
        assertThat(contextOf(document)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.org/context.jsonld", "http://169.254.169.254/latest/meta-data/",
            "https://schema.org/Person", "https://schema.org:8443/", "https://schema.org/?q=1",
            "https://user@schema.org/",
            // A registry-based authority (no host), found by JsonLdFuzzTest: it was a NullPointerException.
            "https://backpack.v-s\u00c2kai.org/contexts/backpack.jsonld"})
    void anythingElseFailsWithoutFetching(String url) {
        assertThatThrownBy(() -> loader.loadDocument(URI.create(url), new DocumentLoaderOptions()))
                .isInstanceOfSatisfying(JsonLdError.class, e -> {
                    assertThat(e.getCode()).isEqualTo(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED);
                    assertThat(e.getMessage()).contains(url).contains("not bundled");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://schema.org/"})
    void otherSchemesAreRefused(String url) {
        assertThatThrownBy(() -> loader.loadDocument(URI.create(url), new DocumentLoaderOptions()))
                .isInstanceOf(JsonLdError.class);
    }

    private static JsonObject contextOf(Document document) {
        return document.getJsonContent().orElseThrow().asJsonObject().getJsonObject("@context");
    }
}
