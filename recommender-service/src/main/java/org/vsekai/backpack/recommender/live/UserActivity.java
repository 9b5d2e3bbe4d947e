package org.vsekai.backpack.recommender.live;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What the live state knows of one user at one moment, copied out so that serving never holds a lock.
 *
 * @param excluded       items never to recommend to them now: their backpack and the items they saw
 * @param positiveItems  items they showed interest in (weight above zero), for item-item recommendations
 * @param backpack       their current backpack: item id → when it was added
 */
public record UserActivity(String userId, Set<String> excluded, Set<String> positiveItems,
                           Map<String, Instant> backpack) {
}
