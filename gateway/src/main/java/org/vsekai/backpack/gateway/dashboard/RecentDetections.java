package org.vsekai.backpack.gateway.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.vsekai.backpack.contracts.vision.Detections;
import org.vsekai.backpack.gateway.config.GatewayConfig;

/**
 * The newest {@code detections} records, for the dashboard to draw on their frames. Each gateway reads the topic
 * from its end in a consumer group of its own that commits nothing ({@code dashboard-detections} in
 * application.properties): it needs only what arrives while it runs, and every instance sees every record.
 */
@ApplicationScoped
public class RecentDetections {

    /** The channel; its topic is {@code detections}. */
    public static final String CHANNEL = "dashboard-detections";

    private final int kept;
    private final Deque<Detections> newest = new ArrayDeque<>();

    public RecentDetections(GatewayConfig config) {
        this.kept = config.dashboard().recentDetections();
    }

    @Incoming(CHANNEL)
    public void receive(Detections detections) {
        if (detections == null || detections.detections() == null) {
            return; // a tombstone, or a record of no use to the page
        }
        synchronized (newest) {
            newest.removeIf(held -> held.eventId().equals(detections.eventId())); // a redelivery replaces its twin
            newest.addFirst(detections);
            while (newest.size() > kept) {
                newest.removeLast();
            }
        }
    }

    /** Newest first. */
    public List<Detections> newest() {
        synchronized (newest) {
            return new ArrayList<>(newest);
        }
    }
}
