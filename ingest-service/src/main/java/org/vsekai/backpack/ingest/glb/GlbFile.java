package org.vsekai.backpack.ingest.glb;

import java.util.OptionalLong;

/**
 * What a checked GLB holds: its JSON chunk, read, and where its BIN chunk is, not read (metadata never needs it).
 *
 * @param json        the JSON chunk's bytes, padding included
 * @param binOffset   where the BIN chunk's data starts in the file; empty when there is none
 * @param binLength   the BIN chunk's length in bytes; empty when there is none
 * @param totalLength the file's length, equal to the header's
 */
public record GlbFile(byte[] json, OptionalLong binOffset, OptionalLong binLength, long totalLength) {
}
