package org.vsekai.backpack.recommender.training;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one rule for what a (user, item) pair weighs, as SQL: the sum, over the activity types the pair had, of each
 * type's weight — liking and adding an item says more than viewing it, but viewing it a hundred times says no more
 * than viewing it once (no spam weight). Zero-weight types (Remove) are left out, and so are gone items (interactions
 * that arrived after their tombstone: an anti-join). Training reads every pair; fold-in reads one user's or one item's
 * with the same rule, so that a folded vector is the one the trainer would compute.
 */
public final class PairWeights {

    /** Every pair ({@code user_id, item_id, weight, at}), ordered, so that the same data trains the same model. */
    public static final String ALL = query(List.of("user_id", "item_id"), "", "ORDER BY user_id, item_id");

    /** One user's pairs ({@code item_id, weight, at}; $1 the user, $2 the limit), newest first. */
    public static final String OF_USER = query(List.of("item_id"), "i.user_id = $1 AND ",
            "ORDER BY at DESC, item_id\n LIMIT $2");

    /** One item's pairs ({@code user_id, weight, at}; $1 the item, $2 the limit), newest first. */
    public static final String OF_ITEM = query(List.of("user_id"), "i.item_id = $1 AND ",
            "ORDER BY at DESC, user_id\n LIMIT $2");

    private PairWeights() {
    }

    private static String query(List<String> keys, String restriction, String tail) {
        String outer = String.join(", ", keys);
        String inner = keys.stream().map(key -> "i." + key).collect(Collectors.joining(", "));
        return """
                SELECT %s, sum(w) AS weight, max(at) AS at
                  FROM (SELECT %s, i.type, max(i.weight) AS w, max(i.published) AS at
                          FROM interactions i
                          LEFT JOIN items g ON g.external_id = i.item_id AND g.gone
                         WHERE %si.weight > 0 AND g.external_id IS NULL
                         GROUP BY %s, i.type) per_type
                 GROUP BY %s
                 %s""".formatted(outer, inner, restriction, inner, outer, tail);
    }
}
