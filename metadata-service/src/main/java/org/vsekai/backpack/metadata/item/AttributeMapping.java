package org.vsekai.backpack.metadata.item;

import java.util.List;
import java.util.Map;

/**
 * The one table that says where each recommendation attribute comes from in expanded JSON-LD. Rules are matched
 * on full IRIs, so a document may say {@code keywords} under the Backpack context, {@code schema:keywords} or
 * {@code dc:subject} in an XMP packet: expansion has already turned all of them into IRIs. For a single-valued
 * attribute the first rule (in table order) that yields a value wins; many-valued ones collect from every rule.
 * Detected object classes are not here: they will come from the vision service's detections, not from documents.
 */
public final class AttributeMapping {

    public static final String BP = "https://backpack.v-sekai.org/ns#";
    public static final String SCHEMA = "http://schema.org/";
    public static final String DC = "http://purl.org/dc/elements/1.1/";
    public static final String XMP_RIGHTS = "http://ns.adobe.com/xap/1.0/rights/";
    public static final String AS = "https://www.w3.org/ns/activitystreams#";
    public static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

    /** How the values of a matched property become attribute values. */
    public enum Take {
        /** The item's {@code @type} IRIs, through the rule's value table; unknown types yield nothing. */
        TYPE,
        /** Literal values and referenced IRIs; XMP containers (rdf:Alt, rdf:Bag, rdf:Seq, @list) are opened. */
        TEXT,
        /** Like {@link #TEXT}, but comma-separated text is several values ("wood, chair"), as schema.org allows. */
        TERMS,
        /** An agent: the IRI of a referenced node, else the node's name, else a literal. */
        IDENTITY_OR_NAME
    }

    /**
     * One row of the table.
     *
     * @param property the expanded property IRI, or {@code @type}
     * @param values   for {@link Take#TYPE}: type IRI to attribute value
     */
    public record Rule(String property, Attribute attribute, Take take, Map<String, String> values) {

        static Rule of(String property, Attribute attribute, Take take) {
            return new Rule(property, attribute, take, Map.of());
        }
    }

    public static final List<Rule> RULES = List.of(
            new Rule("@type", Attribute.KIND, Take.TYPE, Map.of(
                    BP + "Avatar", "avatar",
                    BP + "Map", "map",
                    BP + "Prop", "prop",
                    BP + "Scene", "scene")),

            Rule.of(SCHEMA + "name", Attribute.NAME, Take.TEXT),
            Rule.of(DC + "title", Attribute.NAME, Take.TEXT),
            Rule.of(AS + "name", Attribute.NAME, Take.TEXT),

            Rule.of(SCHEMA + "description", Attribute.DESCRIPTION, Take.TEXT),
            Rule.of(DC + "description", Attribute.DESCRIPTION, Take.TEXT),
            Rule.of(AS + "summary", Attribute.DESCRIPTION, Take.TEXT),

            Rule.of(SCHEMA + "keywords", Attribute.KEYWORDS, Take.TERMS),
            Rule.of(DC + "subject", Attribute.KEYWORDS, Take.TERMS),

            Rule.of(BP + "category", Attribute.CATEGORIES, Take.TEXT),

            Rule.of(SCHEMA + "creator", Attribute.CREATOR, Take.IDENTITY_OR_NAME),
            Rule.of(DC + "creator", Attribute.CREATOR, Take.IDENTITY_OR_NAME),
            Rule.of(AS + "attributedTo", Attribute.CREATOR, Take.IDENTITY_OR_NAME),

            Rule.of(SCHEMA + "license", Attribute.LICENSE, Take.TEXT),
            Rule.of(XMP_RIGHTS + "WebStatement", Attribute.LICENSE, Take.TEXT));

    /** Properties that name a node, in the order they are tried for {@link Take#IDENTITY_OR_NAME}. */
    static final List<String> NAME_PROPERTIES = List.of(SCHEMA + "name", AS + "name",
            "http://xmlns.com/foaf/0.1/name", DC + "title");

    private AttributeMapping() {
    }
}
