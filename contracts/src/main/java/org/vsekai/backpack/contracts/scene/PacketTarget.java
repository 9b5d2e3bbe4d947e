package org.vsekai.backpack.contracts.scene;

/**
 * What a {@code KHR_xmp_json_ld} packet is attached to inside a glTF file.
 *
 * @param kind  {@code asset}, {@code scene}, {@code node}, {@code mesh}, {@code material}, ...
 * @param index index in the glTF array of that kind; {@code null} for the asset
 */
public record PacketTarget(String kind, Integer index) {
}
