package org.vsekai.backpack.recommender.backpack;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One stay of an item in a user's backpack: opened by Add, closed by Remove (null while it is in there). */
@Entity
@Table(name = "backpack_entries")
public class BackpackEntry {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "item_id", nullable = false)
    public String itemId;

    @Column(name = "added_at", nullable = false)
    public OffsetDateTime addedAt;

    @Column(name = "removed_at")
    public OffsetDateTime removedAt;
}
