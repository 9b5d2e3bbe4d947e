package org.vsekai.backpack.kit.outbox;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The data the outbox tests announce through Hibernate Reactive: a stand-in for a service's entity. */
@Entity
@Table(name = "parcels")
public class Parcel {

    @Id
    public UUID id;

    public String label;

    protected Parcel() {
    }

    Parcel(UUID id, String label) {
        this.id = id;
        this.label = label;
    }
}
