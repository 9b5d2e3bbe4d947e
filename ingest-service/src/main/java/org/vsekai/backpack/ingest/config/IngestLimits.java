package org.vsekai.backpack.ingest.config;

import org.vsekai.backpack.ingest.format.ReadLimits;
import org.vsekai.backpack.ingest.image.FrameLimits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What this service takes (docs/reading-scenes.md): sizes are enforced while the bytes stream in, content limits
 * before what they bound is built.
 */
@ConfigMapping(prefix = "backpack.ingest.limits")
public interface IngestLimits {

    /** Bytes of one scene upload. */
    @WithDefault("67108864")
    long maxUploadBytes();

    @WithDefault("67108864")
    long maxJsonBytes();

    @WithDefault("64")
    int maxJsonDepth();

    @WithDefault("2000000")
    long maxJsonTokens();

    @WithDefault("50331648")
    long maxEmbeddedBytes();

    @WithDefault("524288")
    int maxMetadataBytes();

    /** Nodes of a {@code .tscn}. */
    @WithDefault("100000")
    int maxNodes();

    @WithDefault("16777216")
    long maxFrameBytes();

    @WithDefault("8192")
    int maxFrameWidth();

    @WithDefault("8192")
    int maxFrameHeight();

    @WithDefault("40000000")
    long maxFramePixels();

    /** Bytes of one batch import (NDJSON). */
    @WithDefault("268435456")
    long maxImportBytes();

    /** Users one scene may be shared with (PUT /scenes/{id}/shares/{user}); one more is refused with 409. */
    @WithDefault("100")
    int maxSharesPerScene();

    /** Lines of an import written in one transaction. */
    @WithDefault("500")
    int importChunk();

    default ReadLimits read() {
        return new ReadLimits(maxJsonBytes(), maxJsonDepth(), maxJsonTokens(), maxEmbeddedBytes(), maxMetadataBytes(),
                maxNodes());
    }

    default FrameLimits frames() {
        return new FrameLimits(maxFrameBytes(), maxFrameWidth(), maxFrameHeight(), maxFramePixels());
    }
}
