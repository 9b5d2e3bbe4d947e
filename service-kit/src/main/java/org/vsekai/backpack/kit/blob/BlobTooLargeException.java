package org.vsekai.backpack.kit.blob;

import java.io.IOException;

/** The content grew past the limit while it was being stored; nothing of it was kept. */
public class BlobTooLargeException extends IOException {

    private final long limitBytes;

    public BlobTooLargeException(long limitBytes) {
        super("the content is larger than " + limitBytes + " bytes");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
