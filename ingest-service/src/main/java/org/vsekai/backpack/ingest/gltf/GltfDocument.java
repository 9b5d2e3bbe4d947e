package org.vsekai.backpack.ingest.gltf;

import java.util.List;

import de.javagl.jgltf.impl.v2.GlTF;

/**
 * A glTF 2.0 document that passed {@link GltfValidator}: its JglTF model, its node hierarchy, and the relative
 * uris it names but this service does not have (and never fetches).
 */
public record GltfDocument(GlTF gltf, NodeGraph nodes, List<ExternalUri> ignoredUris) {
}
