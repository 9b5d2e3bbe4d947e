package org.vsekai.backpack.recommender.foldin;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.recommender.training.PairWeights;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One user's (or one item's) weighted pairs, by the training's own rule ({@link PairWeights}), so that a fold-in
 * solves for exactly the row the next training will learn from; newest pairs first, at most {@code limit}.
 */
@ApplicationScoped
public class FoldInRepository {

    /** One pair: the other side's id and the pair's weight. */
    public record Pair(String id, float weight) {
    }

    private final Pool database;

    public FoldInRepository(Pool database) {
        this.database = database;
    }

    /** The user's items with their weights, newest first. */
    public Uni<List<Pair>> ofUser(String userId, int limit) {
        return read(PairWeights.OF_USER, userId, limit);
    }

    /** The item's users with their weights, newest first. */
    public Uni<List<Pair>> ofItem(String itemId, int limit) {
        return read(PairWeights.OF_ITEM, itemId, limit);
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
