package org.vsekai.backpack.gateway.avatar;

import java.util.ArrayDeque;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * One message in flight per client and at most {@code capacity} waiting behind it; a message that arrives when that
 * many wait drops the oldest waiting one (counted). A burst (the views of one instant, a consumer's batch) reaches a
 * client that keeps up whole; a client that stops reading gets the newest when it reads again, and what is held for
 * it never grows past {@code capacity}. A send is in flight until the transport took it (for a WebSocket, until the
 * socket accepted the frame), so a client that stops reading stops only its own sends.
 */
final class DropOldest {

    /** What was offered to a client and what became of it: {@code offered = sent + dropped + failed + waiting}. */
    record Counts(long offered, long sent, long dropped, long failed, int waiting) {
    }

    private final Function<String, Uni<Void>> send;
    private final int capacity;
    private final ArrayDeque<String> waiting = new ArrayDeque<>();
    private long offered;
    private long sent;
    private long dropped;
    private long failed;
    private boolean sending;

    DropOldest(int capacity, Function<String, Uni<Void>> send) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.send = send;
    }

    /** Sends {@code message} now if nothing is in flight, otherwise queues it, dropping the oldest when full. */
    void offer(String message) {
        synchronized (this) {
            offered++;
            if (sending) {
                if (waiting.size() == capacity) {
                    waiting.pollFirst();
                    dropped++;
                }
                waiting.addLast(message);
                return;
            }
            sending = true;
        }
        transmit(message);
    }

    /** As {@link #offer(String)}, but only when nothing is in flight or waiting (a heartbeat never delays a pose). */
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
        return new Counts(offered, sent, dropped, failed, waiting.size());
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
            message = waiting.pollFirst();
            if (message == null) {
                sending = false;
                return;
            }
        }
        transmit(message);
    }
}
