package org.vsekai.backpack.gateway.peer;

/** A service could not answer now (5xx, or it did not answer at all); worth a retry on idempotent calls. */
public class PeerUnavailableException extends RuntimeException {

    public PeerUnavailableException(String message) {
        super(message);
    }
}
