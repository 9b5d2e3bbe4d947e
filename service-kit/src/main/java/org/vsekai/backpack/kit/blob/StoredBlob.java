package org.vsekai.backpack.kit.blob;

/**
 * What {@link BlobStore#put} stored: where, how many bytes, and whether the store already held these bytes (then
 * nothing new was written).
 */
public record StoredBlob(BlobRef ref, long sizeBytes, boolean alreadyStored) {
}
