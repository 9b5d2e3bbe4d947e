package org.vsekai.backpack.gateway.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * A request body passed on as it arrives: read in chunks of 64 KiB on a worker thread, one chunk at a time as the
 * call to the service asks for it (so at most a chunk or two is held). Once more than {@code limit} bytes came it
 * stops (it neither fails nor ends, either of which would let the service take the bytes so far for a whole
 * body) and {@link #cutOff()} completes: the caller then cancels the call, which resets its connection.
 */
final class StreamedBody {

    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final long limit;
    private final AtomicLong read = new AtomicLong();
    private final CompletableFuture<Long> cutOff = new CompletableFuture<>();

    StreamedBody(InputStream in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    Multi<Buffer> chunks() {
        return Multi.createBy().repeating()
                .uni(() -> Uni.createFrom().item(this::next).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .onItem().ifNull().switchTo(Uni.createFrom().nothing()))
                .until(chunk -> chunk.length() == 0);
    }

    /** Completes, with the limit, when the body grows past it. */
    Uni<Long> cutOff() {
        return Uni.createFrom().completionStage(cutOff);
    }

    private Buffer next() {
        byte[] chunk;
        try {
            chunk = in.readNBytes(CHUNK);
        } catch (IOException e) {
            throw new UncheckedIOException("the client's body could not be read", e);
        }
        if (read.addAndGet(chunk.length) > limit) {
            cutOff.complete(limit);
            return null;
        }
        return Buffer.buffer(chunk);
    }
}
