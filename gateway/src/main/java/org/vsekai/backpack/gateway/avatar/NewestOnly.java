package org.vsekai.backpack.gateway.avatar;

import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * One message in flight per client, and at most one waiting: a message that arrives while another waits replaces it
 * (the older one is dropped and counted). A slow client so gets the newest pose when it is ready for one, and what
 * is held for it never grows. A send is in flight until the transport took it (for a WebSocket, until the socket
 * accepted the frame), so a client that stops reading stops its own sends, not anyone else's.
 */
final class NewestOnly {

    /** What was offered to a client and what became of it; {@code offered = sent + dropped + failed + waiting}. */
    record Counts(long offered, long sent, long dropped, long failed, boolean waiting) {
    }

    private final Function<String, Uni<Void>> send;
    private long offered;
    private long sent;
    private long dropped;
    private long failed;
    private boolean sending;
    private String waiting;

    NewestOnly(Function<String, Uni<Void>> send) {
        this.send = send;
    }

    /** Sends {@code message} now if nothing is in flight, otherwise holds it in place of any message waiting. */
    void offer(String message) {
        synchronized (this) {
            offered++;
            if (sending) {
                if (waiting != null) {
                    dropped++;
                }
                waiting = message;
                return;
            }
            sending = true;
        }
        transmit(message);
    }

    /** As {@link #offer(String)}, but only when nothing is in flight or waiting (a heartbeat never replaces a pose). */
    boolean offerIfIdle(String message) {
        synchronized (this) {
            if (sending) {
                return false;
            }
            offered++;
            sending = true;
        }
        transmit(message);
        return true;
    }

    synchronized Counts counts() {
        return new Counts(offered, sent, dropped, failed, waiting != null);
    }

    private void transmit(String message) {
        Uni<Void> sending;
        try {
            sending = send.apply(message);
        } catch (RuntimeException e) {
            sending = Uni.createFrom().failure(e);
        }
        sending.subscribe().with(done -> next(true), failure -> next(false));
    }

    private void next(boolean delivered) {
        String message;
        synchronized (this) {
            if (delivered) {
                sent++;
            } else {
                failed++;
            }
            message = waiting;
            waiting = null;
            if (message == null) {
                sending = false;
                return;
            }
        }
        transmit(message);
    }
}
