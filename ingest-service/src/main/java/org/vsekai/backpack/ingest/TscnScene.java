package org.vsekai.backpack.ingest.tscn;

import java.util.List;

import org.vsekai.backpack.ingest.camera.SceneCamera;

/**
 * What a best-effort read of a Godot text scene found.
 *
 * @param format    the {@code format} of {@code [gd_scene]}: 2 for Godot 3, 3 for Godot 4
 * @param resources every {@code [ext_resource]}, in file order
 * @param cameras   the {@code Camera3D} (Godot 4) and {@code Camera} (Godot 3) nodes with perspective or
 *                  orthogonal projection, posed by their nodes' transforms up to the root
 */
public record TscnScene(int format, List<TscnNode> nodes, List<TscnResource> resources, List<SceneCamera> cameras) {
}
