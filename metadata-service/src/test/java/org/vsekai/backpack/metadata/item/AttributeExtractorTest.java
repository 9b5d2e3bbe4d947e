package org.vsekai.backpack.metadata.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.metadata.context.BundledContextLoader;
import org.vsekai.backpack.metadata.context.BundledContexts;
import org.vsekai.backpack.metadata.jsonld.JsonLdProcessor;
import org.vsekai.backpack.metadata.jsonld.ProcessingOptions;
import org.vsekai.backpack.metadata.jsonld.TestLimits;

import com.apicatalog.jsonld.document.JsonDocument;

/** The mapping table applied to documents written with each vocabulary we bundle, through the real processor. */
class AttributeExtractorTest {

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
    void aDocumentWrittenWithTheBackpackContext() {
        ExtractedAttributes attributes = extract("""
                {"@context": "https://backpack.v-sekai.org/contexts/backpack.jsonld",
                 "id": "urn:backpack:item:ada-avatar", "type": "Avatar", "name": "Ada",
                 "creator": "urn:backpack:user:ada", "license": "https://creativecommons.org/licenses/by/4.0/",
                 "keywords": ["Robot", "blue", "robot"], "category": ["Sci-Fi"], "heightMeters": 1.7,
                 "description": "  A tall blue robot. "}""");

        assertThat(attributes).isEqualTo(new ExtractedAttributes("avatar", "Ada", List.of("robot", "blue"),
                List.of("sci-fi"), "urn:backpack:user:ada", "https://creativecommons.org/licenses/by/4.0/",
                "A tall blue robot."));
        assertThat(attributes.indexRows()).as("the description is no query key")
                .extracting(ExtractedAttributes.IndexRow::attribute).doesNotContain("description");
    }

    @Test
    void aCreatorGivenAsANodeIsItsIdOrElseItsName() {
        ExtractedAttributes byId = extract("""
                {"@context": "https://backpack.v-sekai.org/contexts/backpack.jsonld", "type": "Map",
                 "creator": {"id": "urn:backpack:user:bo", "name": "Bo"}}""");
        ExtractedAttributes byName = extract("""
                {"@context": "https://backpack.v-sekai.org/contexts/backpack.jsonld", "type": "Map",
                 "creator": {"name": "Bo"}}""");

        assertThat(byId.creator()).isEqualTo("urn:backpack:user:bo");
        assertThat(byName.creator()).isEqualTo("Bo");
        assertThat(byName.kind()).isEqualTo("map");
    }

    @Test
    void aPlainSchemaOrgDocument() {
        ExtractedAttributes attributes = extract("""
                {"@context": "https://schema.org/", "@type": "3DModel", "name": "Oak chair",
                 "keywords": "chair, Wood , furniture",
                 "creator": {"@type": "Person", "name": "Ada Lovelace"},
                 "license": "https://creativecommons.org/licenses/by-sa/4.0/"}""");

        assertThat(attributes.kind()).as("3DModel is not one of our kinds").isNull();
        assertThat(attributes.name()).isEqualTo("Oak chair");
        assertThat(attributes.keywords()).containsExactly("chair", "wood", "furniture");
        assertThat(attributes.creator()).isEqualTo("Ada Lovelace");
        assertThat(attributes.license()).isEqualTo("https://creativecommons.org/licenses/by-sa/4.0/");
    }

    @Test
    void anXmpPacketAsGltfCarriesIt() {
        // The shape KHR_xmp_json_ld prescribes: compact IRIs, @list/@set for arrays, rdf:Alt for language variants.
        ExtractedAttributes attributes = extract("""
                {"@context": "https://backpack.v-sekai.org/contexts/xmp.jsonld", "@id": "",
                 "dc:title": {"@type": "rdf:Alt", "rdf:_1": {"@language": "x-default", "@value": "Lobby"},
                              "rdf:_2": {"@language": "fr", "@value": "Hall"}},
                 "dc:creator": {"@list": ["Ada", "Bo"]},
                 "dc:subject": {"@set": ["Hub", "social"]},
                 "xmpRights:WebStatement": "https://creativecommons.org/licenses/by/4.0/"}""");

        assertThat(attributes.name()).isEqualTo("Lobby");
        assertThat(attributes.creator()).as("the first creator of the sequence").isEqualTo("Ada");
        assertThat(attributes.keywords()).containsExactlyInAnyOrder("hub", "social");
        assertThat(attributes.license()).isEqualTo("https://creativecommons.org/licenses/by/4.0/");
        assertThat(attributes.kind()).isNull();
    }

    @Test
    void theTypedNodeIsTheItemWhenADocumentHoldsSeveral() {
        ExtractedAttributes attributes = extract("""
                {"@context": "https://backpack.v-sekai.org/contexts/backpack.jsonld", "@graph": [
                  {"id": "urn:backpack:user:ada", "name": "Ada"},
                  {"id": "urn:backpack:item:lamp", "type": "Prop", "name": "Lamp", "keywords": ["light"]}]}""");

        assertThat(attributes.kind()).isEqualTo("prop");
        assertThat(attributes.name()).isEqualTo("Lamp");
        assertThat(attributes.keywords()).containsExactly("light");
    }

    @Test
    void aDocumentWithNothingWeMapHasEmptyAttributes() {
        ExtractedAttributes attributes = extract("""
                {"@context": {"ex": "http://example.org/"}, "ex:colour": "red"}""");

        assertThat(attributes).isEqualTo(new ExtractedAttributes(null, null, List.of(), List.of(),
                null, null, null));
        assertThat(attributes.indexRows()).isEmpty();
    }

    private static ExtractedAttributes extract(String json) {
        JsonStructure document;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            document = reader.read();
        }
        return AttributeExtractor.extract(processor.expand(JsonDocument.of(document), ProcessingOptions.defaults(),
                100));
    }
}
