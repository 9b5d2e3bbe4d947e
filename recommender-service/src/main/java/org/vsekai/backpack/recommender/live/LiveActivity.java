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

    /** Records an item and, when known, its kind (the caller decides which attributes record is the latest). */
    public void item(String itemId, String kind) {
        items.put(itemId, kind == null ? "" : kind);
    }

    public boolean knowsItem(String itemId) {
        return items.containsKey(itemId);
    }

    public boolean knowsUser(String userId) {
        return users.containsKey(userId);
    }

    /** The item's kind, empty when the item or its kind is not known. */
    public Optional<String> kindOf(String itemId) {
        String kind = items.get(itemId);
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
            Map<String, Instant> backpack = state.backpack.items();
            excluded.addAll(backpack.keySet());
            return Optional.of(new UserActivity(userId, Set.copyOf(excluded), Set.copyOf(state.contributions.keySet()),
                    backpack));
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
            if (raw <= 0) {
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

    /** The item's live popularity now; 0 when nobody showed interest. */
    public double popularity(String itemId, Instant now) {
        return popularity.getOrDefault(itemId, 0.0)
                * Math.pow(2, -(now.toEpochMilli() / 1000.0 - referenceSecond) / halfLifeSeconds);
    }

    public int userCount() {
        return users.size();
    }

    public int itemCount() {
        return items.size();
    }
}
