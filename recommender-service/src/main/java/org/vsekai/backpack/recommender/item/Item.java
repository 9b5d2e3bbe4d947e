package org.vsekai.backpack.recommender.item;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An item the recommender knows of: by an interaction with it or by its attributes (item-attributes topic), which
 * ever came first. Kind and creator stay empty until the attributes arrive. A tombstone marks it gone.
 */
@Entity
@Table(name = "items")
public class Item {

    @Id
    public UUID id;

    @Column(name = "external_id", nullable = false, unique = true)
    public String externalId;

    /** {@code avatar}, {@code map}, {@code prop} or {@code scene}. */
    public String kind;

    public String name;

    public String creator;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /**
     * The updatedAt of the attributes record applied last, or the time of the tombstone applied last: an older
     * record never overwrites a newer one, nor brings a gone item back.
     */
    @Column(name = "attributes_updated_at")
    public OffsetDateTime attributesUpdatedAt;

    /** A tombstone said the item no longer exists; the row stays as a marker, its attributes cleared. */
    @Column(nullable = false)
    public boolean gone;

    /** When the latest tombstone was applied here; kept if a newer record brings the item back. */
    @Column(name = "removed_at")
    public OffsetDateTime removedAt;
}
