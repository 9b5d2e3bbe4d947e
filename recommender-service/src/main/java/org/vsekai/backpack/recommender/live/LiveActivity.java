package org.vsekai.backpack.recommender.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.vsekai.backpack.contracts.interaction.ActivityType;
import org.vsekai.backpack.recommender.backpack.Backpack;

/**
 * Everything recommendations need that cannot wait for the next training: each user's backpack and seen items,
 * the items' kinds, and time-decayed popularity. Plain Java, thread-safe; filled from the database at start and
 * then by the consumers after each write commits.
 *
 * <p>Popularity: a (user, item) pair counts once, with the largest decayed weight of its interactions, so one user
 * repeating an activity cannot push an item up. Decay is kept exact without touching every item as time passes:
 * a contribution is stored as {@code w·2^((t − t₀)/h)} for a fixed reference time {@code t₀}, which ranks items
 * the same as {@code w·2^((t − now)/h)}; the score reported is scaled back by {@code 2^(−(now − t₀)/h)}. Keeping
 * each pair's contribution is also what lets an erasure subtract exactly what that user added.
 *
 * <p>Gone items (an item tombstone): {@link #remove} takes the item out of popularity and out of every user's
 * backpack, seen items and interest, as its rows are deleted; interactions that still arrive for it are recorded
 * (they are stored too) but every read leaves a gone item out. The time of its removal stays, so that a model
 * trained before it never serves the item, not even after a newer record brings the id back as a new item.
 */
public final class LiveActivity {

    /** An item with its live popularity at the time of the query. */
    public record Popular(String itemId, double score) {
    }

    private final double halfLifeSeconds;
    private final double referenceSecond;
    private final Map<String, UserState> users = new ConcurrentHashMap<>();
    private final Map<String, Double> popularity = new ConcurrentHashMap<>();
    /** Every item ever seen, by interaction or attributes; the value is its kind, or "" when not known yet. */
    private final Map<String, String> items = new ConcurrentHashMap<>();
    /** Items a tombstone made gone, until a newer record brings them back. */
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
    /** When each item's latest tombstone was applied: models trained before that do not serve it. */
    private final Map<String, Instant> removedAt = new ConcurrentHashMap<>();

    /** A null or zero half-life means no decay. */
    public LiveActivity(Duration halfLife, Instant reference) {
        this.halfLifeSeconds = halfLife == null || halfLife.isZero() ? Double.POSITIVE_INFINITY
                : halfLife.toMillis() / 1000.0;
        this.referenceSecond = reference.toEpochMilli() / 1000.0;
    }

    private static final class UserState {
        final Map<String, Double> contributions = new HashMap<>();
        final Set<String> seen = new HashSet<>();
        final Backpack backpack = new Backpack();
    }

    /**
     * Applies one stored interaction. Idempotent: applying the same interaction again changes nothing (the pair's
     * contribution is a maximum, the backpack ignores a repeated Add or Remove).
     */
    public void record(String userId, String itemId, ActivityType type, float weight, boolean excludes,
            Instant at) {
        apply(userId, itemId, type, weight, excludes, at);
    }

    /**
     * Restores an interaction read from the database at start: as {@link #record} but leaving the backpack alone,
     * which is restored from its own table ({@link #restoreBackpackEntry}).
     */
    public void restore(String userId, String itemId, float weight, boolean excludes, Instant at) {
        apply(userId, itemId, null, weight, excludes, at);
    }

    private void apply(String userId, String itemId, ActivityType type, float weight, boolean excludes,
            Instant at) {
        items.putIfAbsent(itemId, "");
        UserState state = users.computeIfAbsent(userId, id -> new UserState());
        synchronized (state) {
            if (users.get(userId) != state) {
                return; // erased meanwhile
            }
            if (excludes) {
                state.seen.add(itemId);
            }
            if (type != null) {
                state.backpack.apply(type, itemId, at);
            }
            if (weight > 0) {
                double contribution = weight * Math.pow(2, (at.toEpochMilli() / 1000.0 - referenceSecond)
                        / halfLifeSeconds);
                Double before = state.contributions.get(itemId);
                if (before == null || contribution > before) {
                    state.contributions.put(itemId, contribution);
                    popularity.merge(itemId, contribution - (before == null ? 0 : before), Double::sum);
                }
            }
        }
    }

    /** Restores an open backpack entry read from the database at start. */
    public void restoreBackpackEntry(String userId, String itemId, Instant addedAt) {
        items.putIfAbsent(itemId, "");
        UserState state = users.computeIfAbsent(userId, id -> new UserState());
        synchronized (state) {
            state.backpack.restore(itemId, addedAt);
        }
    }

    /**
     * Records an item and, when known, its kind (the caller decides which attributes record is the latest); an item
     * that was gone is back.
     */
    public void item(String itemId, String kind) {
        items.put(itemId, kind == null ? "" : kind);
        gone.remove(itemId);
    }

    /** Restores an item read from the database at start, with its tombstone state. */
    public void restoreItem(String itemId, String kind, boolean isGone, Instant removed) {
        items.put(itemId, kind == null ? "" : kind);
        if (isGone) {
            gone.add(itemId);
        }
        if (removed != null) {
            removedAt.merge(itemId, removed, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /**
     * The item is gone (its tombstone committed at {@code at}): it leaves popularity and every user's backpack, seen
     * items and interest, and is never served again until a newer record brings it back.
     */
    public void remove(String itemId, Instant at) {
        // Marked first, so that readers leave it out while the rest is cleared.
        gone.add(itemId);
        items.put(itemId, "");
        removedAt.merge(itemId, at, (a, b) -> a.isAfter(b) ? a : b);
        popularity.remove(itemId);
        users.values().forEach(state -> {
            synchronized (state) {
                state.contributions.remove(itemId);
                state.seen.remove(itemId);
                state.backpack.drop(itemId);
            }
        });
    }

    /** Known and not gone. */
    public boolean knowsItem(String itemId) {
        return items.containsKey(itemId) && !gone.contains(itemId);
    }

    public boolean isGone(String itemId) {
        return gone.contains(itemId);
    }

    /**
     * Whether a model trained at {@code trainedAt} may serve the item: it is not gone, and the model was trained
     * after its latest removal (before it, the model learned the old item that had this id).
     */
    public boolean mayServe(String itemId, Instant trainedAt) {
        Instant removed = removedAt.get(itemId);
        return removed == null || (!gone.contains(itemId) && trainedAt.isAfter(removed));
    }

    public boolean knowsUser(String userId) {
        return users.containsKey(userId);
    }

    /** The item's kind, empty when the item or its kind is not known (or the item is gone). */
    public Optional<String> kindOf(String itemId) {
        String kind = gone.contains(itemId) ? null : items.get(itemId);
        return kind == null || kind.isEmpty() ? Optional.empty() : Optional.of(kind);
    }

    /** A copy of what is known of the user, or empty for a user never seen (or erased). */
    public Optional<UserActivity> user(String userId) {
        UserState state = users.get(userId);
        if (state == null) {
            return Optional.empty();
        }
        synchronized (state) {
            Set<String> excluded = new HashSet<>(state.seen);
            Map<String, Instant> backpack = new HashMap<>(state.backpack.items());
            excluded.addAll(backpack.keySet());
            Set<String> positive = new HashSet<>(state.contributions.keySet());
            if (!gone.isEmpty()) { // interactions that arrived after an item's tombstone
                backpack.keySet().removeIf(gone::contains);
                positive.removeIf(gone::contains);
            }
            return Optional.of(new UserActivity(userId, Set.copyOf(excluded), Set.copyOf(positive),
                    Map.copyOf(backpack)));
        }
    }

    /**
     * Forgets the user: their backpack, their seen items, and their share of every item's popularity. True when
     * there was something to forget.
     */
    public boolean erase(String userId) {
        UserState state = users.remove(userId);
        if (state == null) {
            return false;
        }
        synchronized (state) {
            state.contributions.forEach((itemId, contribution) -> popularity.computeIfPresent(itemId,
                    (id, total) -> {
                        double rest = total - contribution;
                        // What is left after the last contributor is gone is rounding, not popularity.
                        return rest <= Math.abs(total) * 1e-9 ? null : rest;
                    }));
            state.contributions.clear();
        }
        return true;
    }

    /** The {@code k} most popular items that {@code allowed} accepts, best first (equal scores by item id). */
    public List<Popular> popular(int k, Predicate<String> allowed, Instant now) {
        if (k <= 0) {
            return List.of();
        }
        Comparator<Popular> worstFirst = Comparator.comparingDouble(Popular::score)
                .thenComparing(Popular::itemId, Comparator.reverseOrder());
        PriorityQueue<Popular> top = new PriorityQueue<>(worstFirst);
        double scale = Math.pow(2, -(now.toEpochMilli() / 1000.0 - referenceSecond) / halfLifeSeconds);
        popularity.forEach((itemId, raw) -> {
            if (raw <= 0 || gone.contains(itemId)) {
                return;
            }
            Popular candidate = new Popular(itemId, raw * scale);
            if (top.size() < k) {
                if (allowed.test(itemId)) {
                    top.add(candidate);
                }
            } else if (worstFirst.compare(candidate, top.peek()) > 0 && allowed.test(itemId)) {
                top.poll();
                top.add(candidate);
            }
        });
        List<Popular> best = new ArrayList<>(top);
        best.sort(worstFirst.reversed());
        return best;
    }

    /** The item's live popularity now; 0 when nobody showed interest (or it is gone). */
    public double popularity(String itemId, Instant now) {
        return (gone.contains(itemId) ? 0.0 : popularity.getOrDefault(itemId, 0.0))
                * Math.pow(2, -(now.toEpochMilli() / 1000.0 - referenceSecond) / halfLifeSeconds);
    }

    public int userCount() {
        return users.size();
    }

    public int itemCount() {
        return items.size();
    }
}
