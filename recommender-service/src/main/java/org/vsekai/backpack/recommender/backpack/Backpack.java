package org.vsekai.backpack.recommender.backpack;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.vsekai.backpack.contracts.interaction.ActivityType;

/**
 * One user's current backpack as Add and Remove change it: Add opens an entry (a repeated Add keeps the first
 * one's time), Remove closes it (nothing to close is a no-op), a later Add opens a new entry. The database keeps
 * the same history with its closed entries (backpack_entries); this is the live, in-memory copy. Not thread-safe.
 */
public final class Backpack {

    private final Map<String, Instant> open = new LinkedHashMap<>();

    /** Applies an activity; true when the backpack changed. Other activity types leave it as it is. */
    public boolean apply(ActivityType type, String itemId, Instant at) {
        if (type == ActivityType.ADD) {
            return open.putIfAbsent(itemId, at) == null;
        }
        if (type == ActivityType.REMOVE) {
            return open.remove(itemId) != null;
        }
        return false;
    }

    /** Restores an entry read from the database at start-up. */
    public void restore(String itemId, Instant addedAt) {
        open.putIfAbsent(itemId, addedAt);
    }

    /** Takes the item out whatever happened to it (the item is gone); true when it was in. */
    public boolean drop(String itemId) {
        return open.remove(itemId) != null;
    }

    public boolean contains(String itemId) {
        return open.containsKey(itemId);
    }

    /** Item id → when it was added, in the order the items went in. */
    public Map<String, Instant> items() {
        return Map.copyOf(open);
    }

    public int size() {
        return open.size();
    }
}
