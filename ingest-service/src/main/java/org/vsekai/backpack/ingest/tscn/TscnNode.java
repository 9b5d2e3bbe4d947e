package org.vsekai.backpack.ingest.tscn;

/**
 * One {@code [node]} section of a Godot text scene.
 *
 * @param index    its position among the scene's nodes, from 0
 * @param path     its path from the scene's root, Godot's way: {@code .} for the root, {@code BlueCube/Anchor}
 * @param type     its class ({@code Camera3D}, {@code MeshInstance3D}, ...); null for an instanced scene that
 *                 does not override it
 * @param instance the {@code res://} path of the scene it instances, listed and never followed; null when none
 */
public record TscnNode(int index, String name, String path, String type, String instance) {
}
