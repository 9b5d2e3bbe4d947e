package org.vsekai.backpack.recommender.interaction;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.vsekai.backpack.contracts.interaction.ActivityType;

/** One stored interaction; written only through {@link InteractionRepository#insertIfAbsent}. */
@Entity
@Table(name = "interactions")
public class Interaction {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "activity_id", nullable = false)
    public String activityId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "item_id", nullable = false)
    public String itemId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ActivityType type;

    /** The type's configured weight when the interaction was stored. */
    @Column(nullable = false)
    public float weight;

    @Column(nullable = false)
    public OffsetDateTime published;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;
}
