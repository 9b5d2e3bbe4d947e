package org.vsekai.backpack.recommender.backpack;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class BackpackRepository implements PanacheRepositoryBase<BackpackEntry, UUID> {

    // The partial unique index on open entries makes a repeated Add a no-op. The conflict target names it by its
    // columns and its predicate: that is how PostgreSQL infers a partial unique index as the arbiter, and what
    // CockroachDB requires to use one (its predicate must be implied by the WHERE given here). A bare
    // ON CONFLICT DO NOTHING would also swallow any other unique violation, such as a duplicate id.
    private static final String OPEN = """
            INSERT INTO backpack_entries (user_id, item_id, added_at) VALUES (:userId, :itemId, :at)
            ON CONFLICT (user_id, item_id) WHERE removed_at IS NULL DO NOTHING""";
    // greatest(): a Remove stamped a little before its Add (client clocks) still closes the entry.
    private static final String CLOSE = """
            UPDATE backpack_entries SET removed_at = greatest(added_at, :at)
             WHERE user_id = :userId AND item_id = :itemId AND removed_at IS NULL""";

    /** Opens an entry unless one is open; emits true when it opened one. */
    public Uni<Boolean> open(String userId, String itemId, Instant at) {
        return getSession().flatMap(session -> session.createNativeQuery(OPEN)
                .setParameter("userId", userId).setParameter("itemId", itemId)
                .setParameter("at", at.atOffset(ZoneOffset.UTC)).executeUpdate()).map(rows -> rows == 1);
    }

    /** Closes the open entry, if any; emits true when it closed one. */
    public Uni<Boolean> close(String userId, String itemId, Instant at) {
        return getSession().flatMap(session -> session.createNativeQuery(CLOSE)
                .setParameter("userId", userId).setParameter("itemId", itemId)
                .setParameter("at", at.atOffset(ZoneOffset.UTC)).executeUpdate()).map(rows -> rows == 1);
    }

    /** The user's open entries, oldest first. */
    public Uni<List<BackpackEntry>> current(String userId) {
        return list("userId = ?1 and removedAt is null", Sort.by("addedAt").and("itemId"), userId);
    }

    public Uni<Long> deleteByUser(String userId) {
        return delete("userId", userId);
    }

    /** Every user's entries of the item, open and closed: a gone item leaves no backpack history behind. */
    public Uni<Long> deleteByItem(String itemId) {
        return delete("itemId", itemId);
    }
}
