package org.vsekai.backpack.kit.blob;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where blobs live. Every service that writes or reads blobs must name the same store. */
@ConfigMapping(prefix = "backpack.blobs")
public interface BlobStoreConfig {

    /** The directory of the file-system store; {@code ./backpack up} sets it to {@code .backpack/blobs}. */
    @WithDefault("${java.io.tmpdir}/backpack-blobs")
    Path directory();
}
