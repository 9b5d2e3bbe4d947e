package org.vsekai.backpack.recommender.foldin;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One user's (or one item's) weighted pairs, read as the training reads them ({@code training.TrainingData}): a
 * pair's weight is the sum over its activity types of each type's weight, zero-weight types and gone items left
 * out. So a fold-in solves for exactly the row the next training will learn from; newest pairs first, at most
 * {@code limit}.
 */
@ApplicationScoped
public class FoldInRepository {

    private static final String USER_PAIRS = """
            SELECT item_id, sum(w) AS weight, max(at) AS at
              FROM (SELECT i.item_id, i.type, max(i.weight) AS w, max(i.published) AS at
                      FROM interactions i
                      LEFT JOIN items g ON g.external_id = i.item_id AND g.gone
                     WHERE i.user_id = $1 AND i.weight > 0 AND g.external_id IS NULL
                     GROUP BY i.item_id, i.type) per_type
             GROUP BY item_id
             ORDER BY at DESC, item_id
             LIMIT $2""";
    private static final String ITEM_PAIRS = """
            SELECT user_id, sum(w) AS weight, max(at) AS at
              FROM (SELECT i.user_id, i.type, max(i.weight) AS w, max(i.published) AS at
                      FROM interactions i
                      LEFT JOIN items g ON g.external_id = i.item_id AND g.gone
                     WHERE i.item_id = $1 AND i.weight > 0 AND g.external_id IS NULL
                     GROUP BY i.user_id, i.type) per_type
             GROUP BY user_id
             ORDER BY at DESC, user_id
             LIMIT $2""";

    /** One pair: the other side's id and the pair's weight. */
    public record Pair(String id, float weight) {
    }

    private final Pool database;

    public FoldInRepository(Pool database) {
        this.database = database;
    }

    /** The user's items with their weights, newest first. */
    public Uni<List<Pair>> ofUser(String userId, int limit) {
        return read(USER_PAIRS, userId, limit);
    }

    /** The item's users with their weights, newest first. */
    public Uni<List<Pair>> ofItem(String itemId, int limit) {
        return read(ITEM_PAIRS, itemId, limit);
    }

    private Uni<List<Pair>> read(String sql, String id, int limit) {
        return database.preparedQuery(sql).execute(Tuple.of(id, limit)).map(rows -> {
            List<Pair> pairs = new ArrayList<>(rows.size());
            for (Row row : rows) {
                pairs.add(new Pair(row.getString(0), row.getDouble(1).floatValue()));
            }
            return pairs;
        });
    }
}
