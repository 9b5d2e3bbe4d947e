package org.vsekai.backpack.recommender.model.algorithm;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;

import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

/**
 * Bayesian Personalised Ranking matrix factorisation (Rendle et al. 2009): x_ui = p_u·q_i + b_i, trained on sampled
 * (user, seen item i, unseen item j) triples to minimise −log σ(x_ui − x_uj) plus L2 on the rows in the batch. Trained
 * with DJL on the PyTorch engine (autograd over the batch's rows, hand-written lazy Adam), offline: the native
 * library comes from the pytorch-native-cpu jar, never from the network. After training the factors are copied out to
 * float arrays, so recommending and serving are plain Java; the item bias is folded in as a last dimension (user
 * component 1).
 */
public final class Bpr implements ItemItemRecommender, FactorModel {

    private static final System.Logger LOG = System.getLogger(Bpr.class.getName());
    private static final float ADAM_BETA1 = 0.9f;
    private static final float ADAM_BETA2 = 0.999f;
    private static final float ADAM_EPSILON = 1e-8f;

    /**
     * The model's shape and training schedule: {@code negatives} unseen items are drawn (uniformly, rejecting seen
     * ones) per observed pair and epoch; each step takes {@code batchSize} triples.
     */
    public record Settings(int factors, double learningRate, double regularization, int epochs, int batchSize,
            int negatives, long seed) {

        public Settings {
            if (factors <= 0 || !(learningRate > 0) || regularization < 0 || epochs < 0 || batchSize <= 0
                    || negatives <= 0) {
                throw new IllegalArgumentException("invalid BPR settings: " + this);
            }
        }
    }

    private final Settings settings;
    private final float[] epochLosses;
    private InteractionMatrix interactions;
    /** Users' factors with a trailing 1, items' factors with their bias last: f + 1 entries per row. */
    private float[] userRows = new float[0];
    private float[] itemRows = new float[0];

    public Bpr(Settings settings) {
        this.settings = settings;
        this.epochLosses = new float[settings.epochs()];
    }

    /**
     * The PyTorch engine, offline: DJL otherwise looks up (and may download) a native build for this machine on first
     * use. One intra-op and one inter-op thread: every op here is batch-sized, too small to gain from threads, and
     * OpenMP's spinning workers made epochs up to 100× slower when other processes shared the CPU. These flags are
     * read once, when the engine is first touched, so they are set before that; an explicit -D value wins.
     */
    static Engine pytorch() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        return Engine.getEngine("PyTorch");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    @Override
    public void fit(InteractionMatrix matrix) {
        int f = settings.factors();
        int users = matrix.userCount();
        int items = matrix.itemCount();
        Random random = new Random(settings.seed());
        float[] userInit = gaussian(users * f, random);
        float[] itemInit = gaussian(items * f, random);
        long started = System.nanoTime();
        Engine engine = pytorch();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), engine.getEngineName())) {
            Parameter p = new Parameter(manager, userInit, new Shape(users, f));
            Parameter q = new Parameter(manager, itemInit, new Shape(items, f));
            Parameter b = new Parameter(manager, new float[items], new Shape(items));
            int[] pairUsers = pairUsers(matrix);
            int triples = matrix.nonZeroCount() * settings.negatives();
            long[] u = new long[settings.batchSize()];
            long[] i = new long[settings.batchSize()];
            long[] j = new long[settings.batchSize()];
            int step = 0;
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                long epochStarted = System.nanoTime();
                int[] order = permutation(triples, random);
                double lossSum = 0;
                for (int from = 0; from < triples; from += settings.batchSize()) {
                    int n = Math.min(settings.batchSize(), triples - from);
                    for (int t = 0; t < n; t++) {
                        int pair = order[from + t] / settings.negatives();
                        int user = pairUsers[pair];
                        u[t] = user;
                        i[t] = matrix.itemAt(pair);
                        j[t] = unseenItem(matrix, user, random);
                    }
                    step++;
                    lossSum += (double) step(engine, manager, p, q, b, u, i, j, n, step) * n;
                }
                epochLosses[epoch - 1] = (float) (lossSum / Math.max(1, triples));
                LOG.log(Level.INFO, "BPR f={0} lr={1} λ={2}: epoch {3}/{4} loss {5} in {6} ms", f,
                        settings.learningRate(), settings.regularization(), epoch, settings.epochs(),
                        String.format("%.4f", epochLosses[epoch - 1]), (System.nanoTime() - epochStarted) / 1_000_000);
            }
            userRows = withLastColumn(p.value.toFloatArray(), users, f, null);
            itemRows = withLastColumn(q.value.toFloatArray(), items, f, b.value.toFloatArray());
        }
        interactions = matrix;
        LOG.log(Level.INFO, "BPR fitted {0} users × {1} items in {2} ms", users, items,
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * One mini-batch: loss, gradients, Adam update; returns the batch's mean BPR loss (without the L2 term). Autograd
     * runs on copies of just the batch's distinct rows (gathered again per triple inside the graph, so a row's
     * gradient sums over its triples): gradients of the whole tables would cost a dense 200,000×64 array per table
     * and step. Two things the PyTorch engine does not do for us, without which training goes wrong:
     * <ul>
     * <li>gradients accumulate across backward passes (DJL's PyTorch collector does not reset them when it opens), so
     * they are zeroed at the start of every step, before the backward pass; otherwise a reused leaf would apply the
     * sum of all earlier gradients and training diverges;</li>
     * <li>every array made here (indexes, gathered rows, scores, each {@code getGradient()} view, Adam's temporaries)
     * is a native tensor owned by the manager until closed, so the step runs in an {@link NDScope} that closes them
     * all; without it native memory grows with every step.</li>
     * </ul>
     */
    private float step(Engine engine, NDManager manager, Parameter p, Parameter q, Parameter b, long[] u, long[] i,
            long[] j, int n, int step) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            long[] users = distinct(u, n, null);
            long[] items = distinct(i, n, j);
            NDIndex userRows = new NDIndex("{}", manager.create(users));
            NDIndex itemRows = new NDIndex("{}", manager.create(items));
            NDArray userFactors = p.value.get(userRows);
            NDArray itemFactors = q.value.get(itemRows);
            NDArray itemBiases = b.value.get(itemRows);
            userFactors.setRequiresGradient(true);
            itemFactors.setRequiresGradient(true);
            itemBiases.setRequiresGradient(true);
            NDIndex userOf = new NDIndex("{}", manager.create(positions(u, n, users)));
            NDIndex positiveOf = new NDIndex("{}", manager.create(positions(i, n, items)));
            NDIndex negativeOf = new NDIndex("{}", manager.create(positions(j, n, items)));
            float loss;
            try (GradientCollector collector = engine.newGradientCollector()) {
                collector.zeroGradients();
                NDArray pu = userFactors.get(userOf);
                NDArray qi = itemFactors.get(positiveOf);
                NDArray qj = itemFactors.get(negativeOf);
                NDArray bi = itemBiases.get(positiveOf);
                NDArray bj = itemBiases.get(negativeOf);
                NDArray margin = pu.mul(qi.sub(qj)).sum(new int[] {1}).add(bi).sub(bj);
                // −log σ(x) = softplus(−x), which PyTorch computes without overflow.
                NDArray bprLoss = Activation.softPlus(margin.neg()).mean();
                NDArray l2 = pu.square().sum().add(qi.square().sum()).add(qj.square().sum())
                        .add(bi.square().sum()).add(bj.square().sum()).mul(settings.regularization() / n);
                collector.backward(bprLoss.add(l2));
                loss = bprLoss.getFloat();
            }
            // Outside the collector (grad mode off again), so writing into the tables is allowed.
            float lr = (float) (settings.learningRate() * Math.sqrt(1 - Math.pow(ADAM_BETA2, step))
                    / (1 - Math.pow(ADAM_BETA1, step)));
            p.adam(userRows, userFactors.getGradient(), lr);
            q.adam(itemRows, itemFactors.getGradient(), lr);
            b.adam(itemRows, itemBiases.getGradient(), lr);
            return loss;
        }
    }

    /** A trained table with its Adam moments; all three made outside any step's scope, so they live on. */
    private static final class Parameter {

        final NDArray value;
        final NDArray mean;
        final NDArray variance;

        Parameter(NDManager manager, float[] initial, Shape shape) {
            value = manager.create(initial, shape);
            mean = manager.zeros(shape);
            variance = manager.zeros(shape);
        }

        /**
         * Lazy Adam (Kingma and Ba 2015), as for sparse embeddings: only the batch's rows move, their moments updated
         * in place; lr already carries the bias corrections. Updating every row every step (dense Adam) costs the
         * whole table per step and lets the untouched rows' first moments decay geometrically into subnormal floats,
         * which the CPU computes many times slower (we measured it).
         */
        void adam(NDIndex rows, NDArray gradient, float lr) {
            NDArray m = mean.get(rows).muli(ADAM_BETA1).addi(gradient.mul(1 - ADAM_BETA1));
            NDArray v = variance.get(rows).muli(ADAM_BETA2).addi(gradient.square().muli(1 - ADAM_BETA2));
            mean.set(rows, m);
            variance.set(rows, v);
            value.set(rows, value.get(rows).subi(m.div(v.sqrt().addi(ADAM_EPSILON)).muli(lr)));
        }
    }

    /** For each of the first n values of a, its index in {@code sorted}, which holds them all. */
    private static long[] positions(long[] a, int n, long[] sorted) {
        long[] positions = new long[n];
        for (int k = 0; k < n; k++) {
            positions[k] = Arrays.binarySearch(sorted, a[k]);
        }
        return positions;
    }

    /** The distinct values among the first n of a (and of b, when given), ascending. */
    private static long[] distinct(long[] a, int n, long[] b) {
        long[] all = Arrays.copyOf(a, b == null ? n : 2 * n);
        if (b != null) {
            System.arraycopy(b, 0, all, n, n);
        }
        Arrays.sort(all);
        int count = 0;
        for (int k = 0; k < all.length; k++) {
            if (count == 0 || all[k] != all[count - 1]) {
                all[count++] = all[k];
            }
        }
        return Arrays.copyOf(all, count);
    }

    private static float[] gaussian(int length, Random random) {
        float[] values = new float[length];
        for (int k = 0; k < length; k++) {
            values[k] = (float) (random.nextGaussian() * 0.1);
        }
        return values;
    }

    /** The user of each stored (user, item) pair, in the matrix's row order. */
    private static int[] pairUsers(InteractionMatrix matrix) {
        int[] users = new int[matrix.nonZeroCount()];
        for (int user = 0; user < matrix.userCount(); user++) {
            for (int pos = matrix.rowStart(user); pos < matrix.rowEnd(user); pos++) {
                users[pos] = user;
            }
        }
        return users;
    }

    private static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        for (int k = n - 1; k > 0; k--) {
            int other = random.nextInt(k + 1);
            int swap = order[k];
            order[k] = order[other];
            order[other] = swap;
        }
        return order;
    }

    /** A uniformly drawn item the user has not interacted with (any item, if the user has them all). */
    private static int unseenItem(InteractionMatrix matrix, int user, Random random) {
        int items = matrix.itemCount();
        int seen = matrix.rowEnd(user) - matrix.rowStart(user);
        int item = random.nextInt(items);
        for (int attempt = 0; attempt < 100 && seen < items && isSeen(matrix, user, item); attempt++) {
            item = random.nextInt(items);
        }
        return item;
    }

    /** Binary search in the user's row: its items are sorted. */
    private static boolean isSeen(InteractionMatrix matrix, int user, int item) {
        int low = matrix.rowStart(user);
        int high = matrix.rowEnd(user) - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int at = matrix.itemAt(mid);
            if (at < item) {
                low = mid + 1;
            } else if (at > item) {
                high = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** Rows of f values widened to f + 1, the last entry from {@code last} (1 where null). */
    private static float[] withLastColumn(float[] values, int rows, int f, float[] last) {
        float[] widened = new float[rows * (f + 1)];
        for (int row = 0; row < rows; row++) {
            System.arraycopy(values, row * f, widened, row * (f + 1), f);
            widened[row * (f + 1) + f] = last == null ? 1 : last[row];
        }
        return widened;
    }

    /** The mean BPR loss (without the L2 term) of each epoch of the last fit, for tests and reports. */
    public float[] epochLosses() {
        return epochLosses.clone();
    }

    @Override
    public List<ScoredIndex> recommend(int user, int k, IntPredicate excluded) {
        int width = factors();
        TopK top = new TopK(k);
        for (int item = 0; item < interactions.itemCount(); item++) {
            if (interactions.columnEnd(item) > interactions.columnStart(item) && !excluded.test(item)) {
                top.offer(item, dot(itemRows, item * width, userRows, user * width, width));
            }
        }
        return top.result();
    }

    /** Items ranked by the cosine of their factor vectors (the bias left out: it says nothing about likeness). */
    @Override
    public List<ScoredIndex> similarItems(int item, int k) {
        int f = settings.factors();
        int width = f + 1;
        float norm = (float) Math.sqrt(dot(itemRows, item * width, itemRows, item * width, f));
        TopK top = new TopK(k);
        for (int other = 0; other < interactions.itemCount(); other++) {
            if (other != item && interactions.columnEnd(other) > interactions.columnStart(other)) {
                float otherNorm = (float) Math.sqrt(dot(itemRows, other * width, itemRows, other * width, f));
                top.offer(other, dot(itemRows, other * width, itemRows, item * width, f)
                        / Math.max(norm * otherNorm, 1e-12f));
            }
        }
        return top.result();
    }

    /** Sequential sum in index order: the same order as {@code FactorScan}, so serving gives identical scores. */
    private static float dot(float[] a, int offsetA, float[] b, int offsetB, int length) {
        float sum = 0;
        for (int d = 0; d < length; d++) {
            sum += a[offsetA + d] * b[offsetB + d];
        }
        return sum;
    }

    /** The latent factors plus the folded-in item bias. */
    @Override
    public int factors() {
        return settings.factors() + 1;
    }

    @Override
    public float[] itemFactors() {
        return itemRows.clone();
    }

    @Override
    public float[] userVector(int user) {
        int width = factors();
        float[] x = new float[width];
        System.arraycopy(userRows, user * width, x, 0, width);
        return x;
    }
}
