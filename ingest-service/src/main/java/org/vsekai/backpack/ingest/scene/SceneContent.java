package org.vsekai.backpack.ingest.scene;

import java.util.List;

import org.vsekai.backpack.contracts.scene.XmpPacket;
import org.vsekai.backpack.ingest.camera.SceneCamera;

/**
 * What reading a stored scene found.
 *
 * @param references files it names and this service never fetches: relative glTF image uris, {@code .tscn}
 *                   {@code res://} paths
 */
public record SceneContent(List<SceneCamera> cameras, List<XmpPacket> packets, List<String> references) {
}
