package org.vsekai.backpack.metadata.vision;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.contracts.vision.Detections;
import org.vsekai.backpack.metadata.item.AttributesPublisher;
import org.vsekai.backpack.metadata.packet.PacketStoreConfig;

import io.smallrye.mutiny.Uni;

/**
 * Folds the object classes of each {@code detections} event into the attributes of the item the frames belong to
 * (a scene's item id is its scene id), and the text its OCR read there (the detections' text annotations) into
 * the item's keywords; republishes that item's {@code item-attributes} when its classes or read texts grew.
 * Acknowledged after the write commits; an event without a scene, or one that keeps failing, goes to
 * {@code detections.dlq}.
 */
@ApplicationScoped
public class DetectionsConsumer {

    private static final Logger LOG = Logger.getLogger(DetectionsConsumer.class);
    private static final int MAX_LABEL_LENGTH = 200;
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private final DetectionStore store;
    private final AttributesPublisher attributes;
    private final DetectionConfig detections;
    private final PacketStoreConfig retries;

    public DetectionsConsumer(DetectionStore store, AttributesPublisher attributes, DetectionConfig detections,
                              PacketStoreConfig retries) {
        this.store = store;
        this.attributes = attributes;
        this.detections = detections;
        this.retries = retries;
    }

    @Incoming(Topics.DETECTIONS_NAME)
    public Uni<Void> consume(Detections event) {
        if (event == null) {
            return Uni.createFrom().voidItem(); // a tombstone
        }
        if (event.eventId() == null || event.sceneId() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "detections event " + event.eventId() + " names no scene"));
        }
        String itemId = event.sceneId().toString();
        Set<String> labels = labels(event);
        Set<String> texts = texts(event);
        return store.foldOnce(event.eventId(), itemId, labels, texts, Instant.now().truncatedTo(ChronoUnit.MICROS))
                .onFailure().retry().withBackOff(retries.initialBackoff()).atMost(retries.retries())
                .invoke(folded -> {
                    if (folded.republish() != null) {
                        attributes.sendCommitted();
                    }
                })
                .invoke(folded -> LOG.debugf("Detections %s of item %s: %s", event.eventId(), itemId,
                        !folded.applied() ? "applied before, skipped"
                                : folded.republish() == null ? "nothing to republish" : "attributes republished"))
                .onFailure().invoke(failure -> LOG.warnf("Detections %s go to the dead-letter topic: %s",
                        event.eventId(), failure.getMessage()))
                .replaceWithVoid();
    }

    /**
     * Text read with confidence in confident boxes, as keywords are kept: white space collapsed, lower-cased. Text
     * longer than a keyword may be is left out rather than cut (a cut word would be a wrong keyword).
     */
    private Set<String> texts(Detections event) {
        Set<String> texts = new TreeSet<>();
        if (event.detections() == null) {
            return texts;
        }
        for (Detection detection : event.detections()) {
            if (detection == null || detection.text() == null || detection.score() < detections.minScore()
                    || detection.textScore() == null || detection.textScore() < detections.minTextScore()) {
                continue;
            }
            String text = WHITE_SPACE.matcher(detection.text().strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
            if (!text.isEmpty() && text.length() <= MAX_LABEL_LENGTH) {
                texts.add(text);
            }
        }
        return texts;
    }

    /** Confident labels, trimmed and lower-cased like keywords, so "Chair" and "chair" are one class. */
    private Set<String> labels(Detections event) {
        Set<String> labels = new TreeSet<>();
        if (event.detections() == null) {
            return labels;
        }
        for (Detection detection : event.detections()) {
            if (detection == null || detection.label() == null || detection.score() < detections.minScore()) {
                continue;
            }
            String label = detection.label().strip().toLowerCase(Locale.ROOT);
            if (!label.isEmpty() && label.length() <= MAX_LABEL_LENGTH) {
                labels.add(label);
            }
        }
        return labels;
    }
}
