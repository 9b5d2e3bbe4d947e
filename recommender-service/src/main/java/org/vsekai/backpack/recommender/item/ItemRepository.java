package org.vsekai.backpack.recommender.item;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.metadata.ItemAttributes;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ItemRepository implements PanacheRepositoryBase<Item, UUID> {

    private static final String ENSURE = """
            INSERT INTO items (external_id) VALUES (:externalId) ON CONFLICT (external_id) DO NOTHING""";

    // The latest attributes win whatever the delivery order: a record older than the stored one (or than the
    // tombstone that made the item gone) changes nothing; a newer one brings a gone item back.
    private static final String UPSERT_ATTRIBUTES = """
            INSERT INTO items (external_id, kind, name, creator, attributes_updated_at)
            VALUES (:externalId, :kind, :name, :creator, :updatedAt)
            ON CONFLICT (external_id) DO UPDATE
               SET kind = excluded.kind, name = excluded.name, creator = excluded.creator,
                   attributes_updated_at = excluded.attributes_updated_at, gone = false
             WHERE items.attributes_updated_at IS NULL
                OR items.attributes_updated_at < excluded.attributes_updated_at""";
    // A tombstone wins over a record of the same time, and over anything older; the marker row is created for an
    // item never seen, so that a record written before the tombstone but delivered after it is refused too.
    private static final String MARK_GONE = """
            INSERT INTO items (external_id, gone, removed_at, attributes_updated_at)
            VALUES (:externalId, true, :removedAt, :at)
            ON CONFLICT (external_id) DO UPDATE
               SET kind = NULL, name = NULL, creator = NULL, gone = true, removed_at = excluded.removed_at,
                   attributes_updated_at = excluded.attributes_updated_at
             WHERE items.attributes_updated_at IS NULL
                OR items.attributes_updated_at < excluded.attributes_updated_at
                OR (items.attributes_updated_at = excluded.attributes_updated_at AND NOT items.gone)""";

    public Uni<Void> ensure(String externalId) {
        return getSession().flatMap(session -> session.createNativeQuery(ENSURE)
                .setParameter("externalId", externalId).executeUpdate()).replaceWithVoid();
    }

    /** Applies the attributes unless newer ones are stored; emits true when they were applied. */
    @WithTransaction
    public Uni<Boolean> upsertAttributes(ItemAttributes attributes) {
        return getSession().flatMap(session -> session.createNativeQuery(UPSERT_ATTRIBUTES)
                        .setParameter("externalId", attributes.itemId())
                        .setParameter("kind", attributes.kind())
                        .setParameter("name", attributes.name())
                        .setParameter("creator", attributes.creator())
                        .setParameter("updatedAt", attributes.updatedAt().atOffset(ZoneOffset.UTC))
                        .executeUpdate())
                .map(rows -> rows == 1);
    }

    /**
     * Marks the item gone as of {@code at} (the tombstone's time) unless a newer record is stored; emits true when it
     * did. Runs in the caller's transaction.
     */
    public Uni<Boolean> markGone(String externalId, Instant at, Instant removedAt) {
        return getSession().flatMap(session -> session.createNativeQuery(MARK_GONE)
                        .setParameter("externalId", externalId)
                        .setParameter("at", at.atOffset(ZoneOffset.UTC))
                        .setParameter("removedAt", removedAt.atOffset(ZoneOffset.UTC))
                        .executeUpdate())
                .map(rows -> rows == 1);
    }
}
