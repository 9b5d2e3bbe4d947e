package org.vsekai.backpack.recommender.interaction;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.vsekai.backpack.contracts.interaction.ActivityType;

/** The configured weight of each activity type, and which types keep an item out of that user's recommendations. */
public final class InteractionWeights {

    private final Map<ActivityType, Float> weights;
    private final Set<ActivityType> excluding;

    public InteractionWeights(Map<String, Float> configured, List<String> excludeAfter) {
        weights = new EnumMap<>(ActivityType.class);
        configured.forEach((name, weight) -> {
            ActivityType type = type(name);
            if (!Float.isFinite(weight) || weight < 0) {
                throw new IllegalArgumentException("weight of " + name + " must be finite and >= 0, was " + weight);
            }
            weights.put(type, weight);
        });
        for (ActivityType type : ActivityType.values()) {
            if (!weights.containsKey(type)) {
                // A type added to the contract must get a weight on purpose, not silently count as 0 or 1.
                throw new IllegalArgumentException("no weight configured for " + type
                        + " (recommender.interactions.weights." + type.name().toLowerCase(Locale.ROOT) + ")");
            }
        }
        excluding = EnumSet.noneOf(ActivityType.class);
        excludeAfter.forEach(name -> excluding.add(type(name)));
    }

    private static ActivityType type(String name) {
        try {
            return ActivityType.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown activity type in recommender configuration: " + name, e);
        }
    }

    public float weight(ActivityType type) {
        return weights.get(type);
    }

    /** Whether this activity keeps the item out of the user's recommendations from now on. */
    public boolean excludes(ActivityType type) {
        return excluding.contains(type);
    }
}
