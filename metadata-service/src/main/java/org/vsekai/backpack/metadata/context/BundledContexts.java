package org.vsekai.backpack.metadata.context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.vsekai.backpack.contracts.vision.VisionJsonLd;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;

/**
 * The JSON-LD contexts this service knows, read once from the classpath ({@code jsonld/contexts/}, and the vision
 * context from the contracts). A context URL
 * is matched without its scheme (http and https alike), fragment and trailing slash, so
 * {@code http://schema.org}, {@code https://schema.org/} and {@code https://schema.org/docs/jsonldcontext.jsonld}
 * all find the schema.org file.
 */
public final class BundledContexts {

    /** Backpack's vocabulary context. */
    public static final String BACKPACK = "https://backpack.v-sekai.org/contexts/backpack.jsonld";
    /** The XMP namespace prefixes of glTF KHR_xmp_json_ld packets. */
    public static final String XMP = "https://backpack.v-sekai.org/contexts/xmp.jsonld";
    public static final String SCHEMA_ORG = "https://schema.org/";
    public static final String ACTIVITY_STREAMS = "https://www.w3.org/ns/activitystreams";
    /** The vision-service's records (detections, keypoints, inference results): the file the contracts ship. */
    public static final String VISION = VisionJsonLd.CONTEXT;
    private static final String HERE = "jsonld/contexts/";

    private record Bundle(String resource, List<String> urls) {
    }

    private static final List<Bundle> BUNDLES = List.of(
            new Bundle(HERE + "schemaorg-30.0.jsonld", List.of(SCHEMA_ORG, "https://schema.org/docs/jsonldcontext.jsonld",
                    "https://schema.org/docs/jsonldcontext.json")),
            new Bundle(HERE + "activitystreams.jsonld", List.of(ACTIVITY_STREAMS,
                    "https://www.w3.org/ns/activitystreams.jsonld")),
            new Bundle(HERE + "xmp.jsonld", List.of(XMP)),
            new Bundle(HERE + "backpack.jsonld", List.of(BACKPACK)),
            new Bundle("org/vsekai/backpack/contracts/vision/vision.jsonld", List.of(VISION)));

    private final Map<String, JsonStructure> byKey;

    private BundledContexts(Map<String, JsonStructure> byKey) {
        this.byKey = byKey;
    }

    /** Reads every bundled context; a missing or broken file is a packaging fault and fails here, at start. */
    public static BundledContexts load() {
        Map<String, JsonStructure> byKey = new LinkedHashMap<>();
        for (Bundle bundle : BUNDLES) {
            JsonStructure context = read(bundle.resource());
            for (String url : bundle.urls()) {
                byKey.put(key(URI.create(url)).orElseThrow(), context);
            }
        }
        return new BundledContexts(byKey);
    }

    /** The bundled context at this URL, or empty when it is not one of ours (or not an http(s) URL). */
    public Optional<JsonStructure> find(URI url) {
        return key(url).map(byKey::get);
    }

    /** The canonical URLs a client may name, one per bundled context. */
    public static List<String> urls() {
        return BUNDLES.stream().map(bundle -> bundle.urls().get(0)).toList();
    }

    private static Optional<String> key(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        // No host: an authority java.net.URI reads as registry-based, such as a non-ASCII name (found by
        // JsonLdFuzzTest: "https://backpack.v-s\u00c2kai.org/..." was a NullPointerException, a 500).
        if (!scheme.equals("http") && !scheme.equals("https") || url.getRawAuthority() == null || url.getHost() == null
                || url.getRawQuery() != null || url.getRawUserInfo() != null || url.getPort() != -1) {
            return Optional.empty();
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return Optional.of(url.getHost().toLowerCase(Locale.ROOT) + path);
    }

    private static JsonStructure read(String resource) {
        try (InputStream in = BundledContexts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled context " + resource + " is missing from the classpath");
            }
            try (JsonReader reader = Json.createReader(in)) {
                return reader.read();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled context " + resource, e);
        }
    }
}
