package org.vsekai.backpack.recommender.training;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.recommender.model.matrix.IdIndex;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Reads what a training learns from, one weighted row per (user, item) pair, straight into an interaction matrix:
 * rows are streamed through a cursor (the database never hands over millions of rows at once) and kept as
 * primitives with each id held once, not as an object and two strings per row.
 */
@ApplicationScoped
public class TrainingData {

    /** Every pair's weight by the one rule ({@link PairWeights}). */
    private static final String PAIRS = PairWeights.ALL;
    private static final int FETCH = 10_000;

    private final Pool database;

    public TrainingData(Pool database) {
        this.database = database;
    }

    /** Blocks: call it from a worker thread, never from the event loop. */
    public InteractionMatrix read(Duration timeout) {
        Pairs pairs = new Pairs();
        // A cursor lives in a transaction (PostgreSQL and CockroachDB alike); this one only reads.
        database.withTransaction(connection -> connection.prepare(PAIRS)
                        .onItem().transformToMulti(statement -> statement.createStream(FETCH).toMulti())
                        .onItem().invoke(pairs::add)
                        .collect().last())
                .await().atMost(timeout);
        return pairs.matrix();
    }

    /** Rows as they stream in; filled on one thread (the connection's), read after the stream completes. */
    static final class Pairs {
        private final Map<String, Integer> users = new HashMap<>();
        private final Map<String, Integer> items = new HashMap<>();
        private final List<String> userIds = new ArrayList<>();
        private final List<String> itemIds = new ArrayList<>();
        private int[] user = new int[1024];
        private int[] item = new int[1024];
        private float[] weight = new float[1024];
        private long[] time = new long[1024];
        private int size;

        void add(Row row) {
            add(row.getString(0), row.getString(1), row.getDouble(2).floatValue(),
                    row.getOffsetDateTime(3).toEpochSecond());
        }

        void add(String userId, String itemId, float w, long t) {
            if (size == user.length) {
                int capacity = size * 2;
                user = Arrays.copyOf(user, capacity);
                item = Arrays.copyOf(item, capacity);
                weight = Arrays.copyOf(weight, capacity);
                time = Arrays.copyOf(time, capacity);
            }
            user[size] = users.computeIfAbsent(userId, id -> {
                userIds.add(id);
                return userIds.size() - 1;
            });
            item[size] = items.computeIfAbsent(itemId, id -> {
                itemIds.add(id);
                return itemIds.size() - 1;
            });
            weight[size] = w;
            time[size] = t;
            size++;
        }

        InteractionMatrix matrix() {
            // IdIndex numbers ids in order of first appearance: the same numbers as here.
            InteractionMatrix.Builder builder = InteractionMatrix.builder(IdIndex.of(userIds), IdIndex.of(itemIds),
                    size);
            for (int k = 0; k < size; k++) {
                builder.add(user[k], item[k], weight[k], time[k]);
            }
            return builder.build();
        }
    }
}
