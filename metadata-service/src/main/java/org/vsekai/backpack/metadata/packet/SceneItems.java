package org.vsekai.backpack.metadata.packet;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonStructure;

import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.scene.SceneMetadata;
import org.vsekai.backpack.contracts.scene.XmpPacket;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.metadata.item.AttributeExtractor;
import org.vsekai.backpack.metadata.item.AttributeMapping;
import org.vsekai.backpack.metadata.item.ExtractedAttributes;
import org.vsekai.backpack.metadata.jsonld.BoundedJsonReader;
import org.vsekai.backpack.metadata.jsonld.JsonLdProcessor;

import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.http.media.MediaType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A scene is an item (item id = scene id, kind {@code scene}): its metadata is the packet on the glTF asset (else the
 * first packet) typed {@code bp:Scene}, expanded under the same limits and namespace policy as a PUT, so its title,
 * subjects and creator become the item's name, keywords and creator. A packet the processor refuses (a remote
 * context, a term collision, too large) leaves an item with its kind only: the scene is still recommendable.
 */
@ApplicationScoped
public class SceneItems {

    public static final String KIND = "scene";
    static final String SCENE_TYPE = AttributeMapping.BP + "Scene";
    private static final Logger LOG = Logger.getLogger(SceneItems.class);

    private final JsonLdProcessor processor;
    private final BoundedJsonReader reader;

    public SceneItems(JsonLdProcessor processor, BoundedJsonReader reader) {
        this.processor = processor;
        this.reader = reader;
    }

    /** The item version a scene's packets make: the document as stored, its expanded form and its attributes. */
    public record SceneItem(String document, String expanded, ExtractedAttributes attributes) {
    }

    /** Blocking (the processor runs under its timeout): call from a worker thread. */
    public SceneItem describe(SceneMetadata metadata) {
        ObjectNode document = typed(itemPacket(metadata.packets()));
        try {
            BoundedJsonReader.Parsed parsed = reader.read(EventJson.mapper().writeValueAsBytes(document));
            JsonArray expanded = processor.expandToStore(
                    JsonDocument.of(MediaType.JSON_LD, (JsonStructure) parsed.value()), parsed.nodes());
            return new SceneItem(document.toString(), expanded.toString(),
                    AttributeExtractor.extract(expanded).withKind(KIND));
        } catch (ProblemException | JsonProcessingException e) {
            LOG.warnf("The packet of scene %s does not describe it (%s); its item has its kind only",
                    metadata.sceneId(), e.getMessage());
            ObjectNode bare = typed(null);
            return new SceneItem(bare.toString(), "[{\"@type\":[\"" + SCENE_TYPE + "\"]}]",
                    new ExtractedAttributes(KIND, null, List.of(), List.of(), null, null, null));
        }
    }

    /** The packet attached to the asset, else the one of lowest index; null when there is none. */
    static JsonNode itemPacket(List<XmpPacket> packets) {
        XmpPacket chosen = null;
        for (XmpPacket packet : packets) {
            boolean onAsset = packet.attachedTo() != null && packet.attachedTo().stream()
                    .anyMatch(target -> target != null && "asset".equals(target.kind()));
            if (onAsset) {
                return packet.document();
            }
            if (chosen == null || packet.index() < chosen.index()) {
                chosen = packet;
            }
        }
        return chosen == null ? null : chosen.document();
    }

    /** A copy of the packet with bp:Scene among its types (a full IRI: no context needed). */
    private static ObjectNode typed(JsonNode packet) {
        ObjectNode document = packet instanceof ObjectNode object ? object.deepCopy()
                : EventJson.mapper().createObjectNode();
        JsonNode types = document.get("@type");
        ArrayNode all = EventJson.mapper().createArrayNode();
        if (types instanceof ArrayNode array) {
            all.addAll(array);
        } else if (types != null && types.isTextual()) {
            all.add(types);
        }
        all.add(SCENE_TYPE);
        document.set("@type", all);
        return document;
    }
}
