package org.vsekai.backpack.metadata.item;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.vsekai.backpack.metadata.item.AttributeMapping.Rule;
import org.vsekai.backpack.metadata.item.AttributeMapping.Take;

/**
 * Applies {@link AttributeMapping#RULES} to an expanded JSON-LD document. The item is the top-level node whose type
 * gives a kind, or else the first top-level node (an XMP packet describes one asset).
 */
public final class AttributeExtractor {

    private static final Pattern COMMAS = Pattern.compile("\\s*,\\s*");
    /** RDF container members (rdf:_1, rdf:_2, ...), which XMP uses for rdf:Alt, rdf:Bag and rdf:Seq. */
    private static final Pattern MEMBER = Pattern.compile(Pattern.quote(AttributeMapping.RDF) + "_(\\d+)");
    /** Values collected per attribute are bounded: a document with 10 000 keywords is not 10 000 index rows. */
    static final int MAX_VALUES = 64;
    static final int MAX_VALUE_LENGTH = 512;
    /** A description is prose, longer than a keyword; past this it is left out like any value too long. */
    static final int MAX_DESCRIPTION_LENGTH = 4096;

    private AttributeExtractor() {
    }

    public static ExtractedAttributes extract(JsonArray expanded) {
        JsonObject item = itemNode(expanded);
        Map<Attribute, Set<String>> found = new EnumMap<>(Attribute.class);
        for (Attribute attribute : Attribute.values()) {
            found.put(attribute, new LinkedHashSet<>());
        }
        if (item != null) {
            for (Rule rule : AttributeMapping.RULES) {
                Set<String> values = found.get(rule.attribute());
                if (!rule.attribute().many() && !values.isEmpty()) {
                    continue; // an earlier rule already gave this single-valued attribute
                }
                for (String value : values(item, rule)) {
                    String normalised = rule.attribute().normalise(value);
                    if (!normalised.isEmpty() && normalised.length() <= (rule.attribute() == Attribute.DESCRIPTION
                            ? MAX_DESCRIPTION_LENGTH : MAX_VALUE_LENGTH)
                            && values.size() < (rule.attribute().many() ? MAX_VALUES : 1)) {
                        values.add(normalised);
                    }
                }
            }
        }
        return new ExtractedAttributes(first(found.get(Attribute.KIND)), first(found.get(Attribute.NAME)),
                List.copyOf(found.get(Attribute.KEYWORDS)), List.copyOf(found.get(Attribute.CATEGORIES)),
                first(found.get(Attribute.CREATOR)), first(found.get(Attribute.LICENSE)),
                first(found.get(Attribute.DESCRIPTION)));
    }

    private static JsonObject itemNode(JsonArray expanded) {
        JsonObject first = null;
        for (JsonValue value : expanded) {
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                continue;
            }
            JsonObject node = value.asJsonObject();
            if (first == null) {
                first = node;
            }
            for (String type : strings(node.get("@type"))) {
                if (AttributeMapping.RULES.get(0).values().containsKey(type)) {
                    return node;
                }
            }
        }
        return first;
    }

    private static List<String> values(JsonObject item, Rule rule) {
        List<String> out = new ArrayList<>();
        if (rule.take() == Take.TYPE) {
            for (String type : strings(item.get("@type"))) {
                String mapped = rule.values().get(type);
                if (mapped != null) {
                    out.add(mapped);
                }
            }
            return out;
        }
        JsonValue property = item.get(rule.property());
        if (property != null) {
            collect(property, rule.take(), out, 0);
        }
        return out;
    }

    private static void collect(JsonValue value, Take take, List<String> out, int depth) {
        if (depth > 8 || out.size() >= MAX_VALUES) {
            return; // containers inside containers this deep are not metadata anyone means
        }
        switch (value.getValueType()) {
            case ARRAY -> value.asJsonArray().forEach(member -> collect(member, take, out, depth + 1));
            case OBJECT -> collectObject(value.asJsonObject(), take, out, depth);
            default -> {
                // expanded form holds no bare literals outside @value; nothing to take
            }
        }
    }

    private static void collectObject(JsonObject object, Take take, List<String> out, int depth) {
        if (object.containsKey("@value")) {
            String literal = literal(object.get("@value"));
            if (literal != null) {
                if (take == Take.TERMS) {
                    for (String term : COMMAS.split(literal)) {
                        out.add(term);
                    }
                } else {
                    out.add(literal);
                }
            }
            return;
        }
        if (object.containsKey("@list")) {
            collect(object.get("@list"), take, out, depth + 1);
            return;
        }
        List<JsonValue> members = containerMembers(object);
        if (!members.isEmpty()) {
            members.forEach(member -> collect(member, take, out, depth + 1));
            return;
        }
        String id = object.get("@id") instanceof JsonString s ? s.getString() : null;
        boolean blank = id == null || id.startsWith("_:");
        if (take == Take.IDENTITY_OR_NAME) {
            if (!blank) {
                out.add(id);
                return;
            }
            for (String nameProperty : AttributeMapping.NAME_PROPERTIES) {
                List<String> names = new ArrayList<>();
                if (object.containsKey(nameProperty)) {
                    collect(object.get(nameProperty), Take.TEXT, names, depth + 1);
                }
                if (!names.isEmpty()) {
                    out.add(names.get(0));
                    return;
                }
            }
        } else if (!blank) {
            out.add(id);
        }
    }

    /** The rdf:_1, rdf:_2, ... members of an XMP container node, in their order. */
    private static List<JsonValue> containerMembers(JsonObject object) {
        Map<Integer, JsonValue> members = new TreeMap<>();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            var matcher = MEMBER.matcher(entry.getKey());
            if (matcher.matches() && matcher.group(1).length() < 6) {
                members.put(Integer.parseInt(matcher.group(1)), entry.getValue());
            }
        }
        return new ArrayList<>(members.values());
    }

    private static String literal(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).toString();
            case TRUE -> "true";
            case FALSE -> "false";
            default -> null;
        };
    }

    private static List<String> strings(JsonValue value) {
        List<String> out = new ArrayList<>();
        if (value instanceof JsonString string) {
            out.add(string.getString());
        } else if (value instanceof JsonArray array) {
            for (JsonValue member : array) {
                if (member instanceof JsonString string) {
                    out.add(string.getString());
                }
            }
        }
        return out;
    }

    private static String first(Set<String> values) {
        return values.isEmpty() ? null : values.iterator().next();
    }
}
