package org.vsekai.backpack.gateway.config;

import java.time.Duration;
import java.util.Map;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

/**
 * Settings the gateway owns, under {@code backpack.gateway}. Remote-call timeouts, retries and circuit breakers live
 * with the REST clients ({@code quarkus.fault-tolerance.*}); identifiers follow {@code contracts.Identifiers}.
 */
@ConfigMapping(prefix = "backpack.gateway")
public interface GatewayConfig {

    Limits limits();

    Interactions interactions();

    RateLimits rateLimits();

    TokenCache tokenCache();

    Dashboard dashboard();

    AvatarStream avatarStream();

    /** The live avatar stream ({@code GET /api/v1/scenes/{id}/avatar-stream}, a WebSocket; avatar package). */
    interface AvatarStream {

        /** A client sent nothing for this long gets a heartbeat message (WebSocket pings go out as well). */
        @WithDefault("10s")
        Duration heartbeat();

        /** Open streams one user may hold at once; one more is refused with 429. */
        @WithDefault("4")
        int maxStreamsPerUser();

        /** Open streams this gateway holds at once, over all users; one more is refused with 503. */
        @WithDefault("2000")
        int maxStreams();

        /**
         * Messages that may wait for one client behind the one being sent; past that the oldest waiting is dropped
         * (and counted). Memory per client is bounded by this many messages.
         */
        @WithDefault("8")
        int clientBuffer();

        /** Scenes whose newest poses are kept for a client that (re)connects; the least recently used go first. */
        @WithDefault("10000")
        int newestScenes();
    }

    /** The admin dashboard ({@code /admin/}) and the Kafka figures behind it and behind the metrics. */
    interface Dashboard {

        /** How often the page's stream sends a fresh snapshot. */
        @WithDefault("2s")
        Duration refresh();

        /** How often the topics' end offsets and the consumer groups' committed offsets are read. */
        @WithDefault("5s")
        Duration kafkaSampleInterval();

        /** Detection records kept for the page, newest first. */
        @WithDefault("6")
        @Min(1)
        int recentDetections();
    }

    /**
     * Verified bearer tokens kept by their SHA-256 until they expire, so that a client's requests after its first do
     * not verify the same token again ({@code security.VerifiedTokens}).
     */
    interface TokenCache {

        @WithDefault("true")
        boolean enabled();

        /** Most tokens held at once; past it, those least likely to be used again are dropped (and re-verified). */
        @WithDefault("100000")
        @Min(16)
        int maxSize();
    }

    /** What one request may carry; every limit is refused with a problem, never silently truncated. */
    interface Limits {

        /** Largest body of {@code POST /api/v1/interactions}. */
        @WithDefault("64K")
        MemorySize maxActivityBody();

        /**
         * Largest body of {@code POST /api/v1/interactions:batch}. Keep it, and every other body limit, at or below
         * {@code quarkus.http.limits.max-body-size}, which stops any larger chunked body first.
         */
        @WithDefault("1M")
        MemorySize maxBatchBody();

        /** Most activities in one batch. */
        @WithDefault("500")
        @Min(1)
        @Max(10_000)
        int maxBatchSize();

        /** Largest body of {@code POST /api/v1/recommendations} (an anonymous session). */
        @WithDefault("16K")
        MemorySize maxSessionBody();

        /** Largest body of {@code PUT /api/v1/items/{id}/metadata}. */
        @WithDefault("1M")
        MemorySize maxMetadataBody();

        /**
         * Largest image of {@code POST /api/v1/infer/{model}}: the vision-service's
         * {@code backpack.vision.limits.max-image-bytes}, so that what passes here is what it takes.
         */
        @WithDefault("16M")
        MemorySize maxImageBody();

        /**
         * Largest WAV of {@code POST /api/v1/audio/segments}, {@code /transcriptions} and
         * {@code /speech-to-speech}, held in memory here as an image is; at most the
         * vision-service's {@code backpack.vision.audio.max-bytes} (64 MiB). 16 MiB is about nine minutes of 16 kHz
         * mono, which the service answers well within the call's timeout.
         */
        @WithDefault("16M")
        MemorySize maxAudioBody();

        /**
         * Largest body of {@code POST /api/v1/embeddings} and {@code POST /api/v1/audio/speech} (JSON texts): 64
         * texts of a few hundred characters, or one text the voice speaks, fit in 256 KiB with room to spare.
         */
        @WithDefault("256K")
        MemorySize maxTextBody();

        /** Largest body of {@code POST /api/v1/poses/search}: 17 points of three numbers need about 1 KiB. */
        @WithDefault("16K")
        MemorySize maxPoseQueryBody();

        /** Largest body of {@code POST /api/v1/jsonld/*}. */
        @WithDefault("1M")
        MemorySize maxJsonLdBody();

        /**
         * Largest scene upload ({@code POST /api/v1/scenes}). Streamed to the ingest-service as it arrives, never
         * held; a body that grows past it is cut off with a 413 problem. {@code quarkus.http.limits.max-body-size}
         * is set to the largest of the streamed limits.
         */
        @WithDefault("64M")
        MemorySize maxSceneBody();

        /** Largest camera frame ({@code POST /api/v1/scenes/{id}/cameras/{camera}/frames}), streamed likewise. */
        @WithDefault("16M")
        MemorySize maxFrameBody();

        /** Largest batch import ({@code POST /api/v1/admin/import}, NDJSON), streamed likewise. */
        @WithDefault("64M")
        MemorySize maxImportBody();

        /** Largest body of any other request (training trigger, erasure): they take none worth the name. */
        @WithDefault("4K")
        MemorySize maxOtherBody();
    }

    interface Interactions {

        /** How long a request waits for the broker to acknowledge its records before answering 503. */
        @WithDefault("10s")
        Duration publishTimeout();
    }

    /**
     * Token buckets per caller: an authenticated caller has one bucket per class of route, keyed by the token's
     * subject; an anonymous caller one bucket (class {@code anonymous}) keyed by client IP.
     */
    interface RateLimits {

        @WithDefault("true")
        boolean enabled();

        /**
         * Most buckets held at once. A bucket that has refilled to full (no different from a new one) expires; past
         * the bound, those least likely to be used again are dropped, which can only let a caller through early,
         * never refuse one.
         */
        @WithDefault("100000")
        @Min(16)
        int maxBuckets();

        /** One entry per class: read, write, upload, inference, generation, admin, anonymous. */
        Map<String, Bucket> classes();

        interface Bucket {

            /** The burst: how many requests a rested caller may make at once. */
            @Positive
            int capacity();

            /** The sustained rate the bucket refills at. */
            @Positive
            double perSecond();
        }
    }
}
