package org.vsekai.backpack.recommender.user;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user the recommender has seen act; created by their first interaction, deleted by their erasure. */
@Entity
@Table(name = "users")
public class User {

    @Id
    public UUID id;

    /** The id the gateway forwards and the events carry (the token's subject). */
    @Column(name = "external_id", nullable = false, unique = true)
    public String externalId;

    @Column(name = "first_seen", nullable = false)
    public OffsetDateTime firstSeen;
}
