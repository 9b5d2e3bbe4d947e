package org.vsekai.backpack.vision.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One direct buffer per thread, grown when a larger tensor comes, that image tensors are written into and handed to
 * ONNX Runtime without a copy. Reusing it keeps a steady stream of frames from allocating (and the garbage collector
 * from lagging behind) several megabytes of native memory per inference. A buffer is valid until the same thread
 * asks again, so a tensor made from it must be closed before then.
 */
public final class TensorBuffers {

    private static final ThreadLocal<ByteBuffer> BUFFER = new ThreadLocal<>();

    private TensorBuffers() {
    }

    /** A buffer of exactly {@code bytes} bytes, position 0, in the platform's byte order, its content undefined. */
    public static ByteBuffer borrow(int bytes) {
        ByteBuffer buffer = BUFFER.get();
        if (buffer == null || buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(Math.max(bytes, buffer == null ? 0 : buffer.capacity() * 2))
                    .order(ByteOrder.nativeOrder());
            BUFFER.set(buffer);
        }
        return buffer.duplicate().order(ByteOrder.nativeOrder()).position(0).limit(bytes).slice()
                .order(ByteOrder.nativeOrder());
    }
}
