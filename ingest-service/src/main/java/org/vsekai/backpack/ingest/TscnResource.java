package org.vsekai.backpack.ingest.tscn;

/** An {@code [ext_resource]}: a file the scene refers to by {@code res://} path, listed and never opened. */
public record TscnResource(String id, String type, String path) {
}
