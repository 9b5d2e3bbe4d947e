package org.vsekai.backpack.recommender.model.matrix;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * An immutable sparse user×item matrix, stored twice: by user (CSR: a user's items, ascending) and by item (CSC: an
 * item's users, ascending). Repeated (user, item) pairs are merged: weights add up, the latest time is kept. Models
 * read it through the position accessors below, which the JIT inlines into their loops.
 */
public final class InteractionMatrix {

    private final IdIndex users;
    private final IdIndex items;
    private final int[] rowStart;
    private final int[] rowItem;
    private final float[] rowWeight;
    private final long[] rowTime;
    private final int[] columnStart;
    private final int[] columnUser;
    private final float[] columnWeight;
    private final long[] columnTime;
    private final long latestTime;

    private InteractionMatrix(IdIndex users, IdIndex items, int[] rowStart, int[] rowItem, float[] rowWeight,
            long[] rowTime) {
        this.users = users;
        this.items = items;
        this.rowStart = rowStart;
        this.rowItem = rowItem;
        this.rowWeight = rowWeight;
        this.rowTime = rowTime;
        int nnz = rowItem.length;
        columnStart = new int[items.size() + 1];
        for (int item : rowItem) {
            columnStart[item + 1]++;
        }
        for (int i = 0; i < items.size(); i++) {
            columnStart[i + 1] += columnStart[i];
        }
        columnUser = new int[nnz];
        columnWeight = new float[nnz];
        columnTime = new long[nnz];
        int[] next = Arrays.copyOf(columnStart, items.size());
        // Rows are visited in user order, so each column's users come out ascending.
        for (int user = 0; user < users.size(); user++) {
            for (int p = rowStart[user]; p < rowStart[user + 1]; p++) {
                int q = next[rowItem[p]]++;
                columnUser[q] = user;
                columnWeight[q] = rowWeight[p];
                columnTime[q] = rowTime[p];
            }
        }
        long latest = Long.MIN_VALUE;
        for (long time : rowTime) {
            latest = Math.max(latest, time);
        }
        latestTime = latest;
    }

    /** Builds the matrix, indexing users and items in order of first appearance. */
    public static InteractionMatrix of(List<Interaction> interactions) {
        IdIndex users = IdIndex.of(() -> interactions.stream().map(Interaction::userId).iterator());
        IdIndex items = IdIndex.of(() -> interactions.stream().map(Interaction::itemId).iterator());
        Builder builder = builder(users, items, interactions.size());
        for (Interaction interaction : interactions) {
            builder.add(users.indexOf(interaction.userId()), items.indexOf(interaction.itemId()),
                    interaction.weight(), interaction.time());
        }
        return builder.build();
    }

    /**
     * A builder over already-indexed users and items: interactions go in as primitives (no object per interaction),
     * so millions of them (synthetic data, a bulk load) cost 20 bytes each until {@link Builder#build()}.
     */
    public static Builder builder(IdIndex users, IdIndex items, int expectedInteractions) {
        return new Builder(users, items, expectedInteractions);
    }

    /** Collects (user index, item index, weight, time) quadruples; not thread-safe, one build. */
    public static final class Builder {

        private final IdIndex users;
        private final IdIndex items;
        private int[] userOf;
        private int[] itemOf;
        private float[] weightOf;
        private long[] timeOf;
        private int n;

        private Builder(IdIndex users, IdIndex items, int expected) {
            this.users = users;
            this.items = items;
            int capacity = Math.max(16, expected);
            userOf = new int[capacity];
            itemOf = new int[capacity];
            weightOf = new float[capacity];
            timeOf = new long[capacity];
        }

        public Builder add(int user, int item, float weight, long time) {
            if (userOf == null) {
                throw new IllegalStateException("this builder has built its matrix already");
            }
            if (user < 0 || user >= users.size() || item < 0 || item >= items.size()) {
                throw new IllegalArgumentException("no such user " + user + " or item " + item);
            }
            if (!Float.isFinite(weight)) {
                throw new IllegalArgumentException("weight must be finite, was " + weight);
            }
            if (n == userOf.length) {
                int capacity = (int) Math.min(Integer.MAX_VALUE - 8, n * 3L / 2 + 16);
                userOf = Arrays.copyOf(userOf, capacity);
                itemOf = Arrays.copyOf(itemOf, capacity);
                weightOf = Arrays.copyOf(weightOf, capacity);
                timeOf = Arrays.copyOf(timeOf, capacity);
            }
            userOf[n] = user;
            itemOf[n] = item;
            weightOf[n] = weight;
            timeOf[n] = time;
            n++;
            return this;
        }

        /** Interactions added so far (before duplicates are merged). */
        public int size() {
            return n;
        }

        public InteractionMatrix build() {
            int[] start = new int[users.size() + 1];
            for (int k = 0; k < n; k++) {
                start[userOf[k] + 1]++;
            }
            for (int u = 0; u < users.size(); u++) {
                start[u + 1] += start[u];
            }
            // Counting sort by user, then each row sorted by item so duplicates sit side by side.
            int[] order = new int[n];
            int[] next = Arrays.copyOf(start, users.size());
            for (int k = 0; k < n; k++) {
                order[next[userOf[k]]++] = k;
            }
            next = null;
            int[] rowStart = new int[users.size() + 1];
            int[] rowItem = new int[n];
            float[] rowWeight = new float[n];
            long[] rowTime = new long[n];
            int size = 0;
            long[] keys = new long[0];
            for (int u = 0; u < users.size(); u++) {
                int length = start[u + 1] - start[u];
                if (keys.length < length) {
                    keys = new long[length];
                }
                for (int p = 0; p < length; p++) {
                    int k = order[start[u] + p];
                    keys[p] = ((long) itemOf[k] << 32) | k;
                }
                Arrays.sort(keys, 0, length);
                for (int p = 0; p < length; p++) {
                    int k = (int) keys[p];
                    if (size > rowStart[u] && rowItem[size - 1] == itemOf[k]) {
                        rowWeight[size - 1] += weightOf[k];
                        rowTime[size - 1] = Math.max(rowTime[size - 1], timeOf[k]);
                    } else {
                        rowItem[size] = itemOf[k];
                        rowWeight[size] = weightOf[k];
                        rowTime[size] = timeOf[k];
                        size++;
                    }
                }
                rowStart[u + 1] = size;
            }
            // The builder's own arrays are no longer needed; drop them before the CSC copy is made.
            userOf = itemOf = order = null;
            weightOf = null;
            timeOf = null;
            return new InteractionMatrix(users, items, rowStart, Arrays.copyOf(rowItem, size),
                    Arrays.copyOf(rowWeight, size), Arrays.copyOf(rowTime, size));
        }
    }

    public IdIndex users() {
        return users;
    }

    public IdIndex items() {
        return items;
    }

    public int userCount() {
        return users.size();
    }

    public int itemCount() {
        return items.size();
    }

    /** Distinct (user, item) pairs. */
    public int nonZeroCount() {
        return rowItem.length;
    }

    /** The latest interaction time, or Long.MIN_VALUE when empty. */
    public long latestTime() {
        return latestTime;
    }

    // --- by user (CSR): positions rowStart(u) until rowEnd(u)

    public int rowStart(int user) {
        return rowStart[user];
    }

    public int rowEnd(int user) {
        return rowStart[user + 1];
    }

    public int itemAt(int rowPosition) {
        return rowItem[rowPosition];
    }

    public float rowWeightAt(int rowPosition) {
        return rowWeight[rowPosition];
    }

    public long rowTimeAt(int rowPosition) {
        return rowTime[rowPosition];
    }

    // --- by item (CSC): positions columnStart(i) until columnEnd(i)

    public int columnStart(int item) {
        return columnStart[item];
    }

    public int columnEnd(int item) {
        return columnStart[item + 1];
    }

    public int userAt(int columnPosition) {
        return columnUser[columnPosition];
    }

    public float columnWeightAt(int columnPosition) {
        return columnWeight[columnPosition];
    }

    public long columnTimeAt(int columnPosition) {
        return columnTime[columnPosition];
    }

    /** Whether the user has interacted with the item (binary search in the user's sorted row). */
    public boolean contains(int user, int item) {
        return Arrays.binarySearch(rowItem, rowStart[user], rowStart[user + 1], item) >= 0;
    }

    /** The items a user has interacted with, as an exclusion for {@code recommend}. */
    public IntPredicate seenBy(int user) {
        return item -> contains(user, item);
    }

    /** The user's items, ascending. */
    public int[] itemsOf(int user) {
        return Arrays.copyOfRange(rowItem, rowStart[user], rowStart[user + 1]);
    }
}
