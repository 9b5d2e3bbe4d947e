package org.vsekai.backpack.vision.ocr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * CTC decoding of one line: per time step the probability of each class, class 0 the blank. Greedy takes the best
 * class per step, merges repeats and drops blanks (PaddleOCR's {@code CTCLabelDecode}); its confidence is the mean
 * probability of the steps kept. Prefix beam search keeps the {@code width} most probable labellings, summing every
 * alignment of each; its confidence is the best labelling's probability per step (its geometric mean), so a clean
 * line scores near 1 either way.
 */
public final class Ctc {

    /** Beam search looks only at classes at least this probable at a step (and always at the blank). */
    static final double PRUNE = 1e-3;

    private Ctc() {
    }

    /** The text read and how sure the decoder is of it, in [0, 1]. */
    public record Reading(String text, double confidence) {
    }

    /**
     * @param probabilities {@code steps × classes} values from {@code offset}, row per step
     * @param symbol        the text of a class (1 and up)
     */
    public static Reading greedy(float[] probabilities, int offset, int steps, int classes,
                                 IntFunction<String> symbol) {
        StringBuilder text = new StringBuilder();
        double sum = 0;
        int kept = 0;
        int previous = -1;
        for (int t = 0; t < steps; t++) {
            int row = offset + t * classes;
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (probabilities[row + c] > probabilities[row + best]) {
                    best = c;
                }
            }
            if (best != 0 && best != previous) {
                text.append(symbol.apply(best));
                sum += probabilities[row + best];
                kept++;
            }
            previous = best;
        }
        return new Reading(text.toString(), kept == 0 ? 0 : sum / kept);
    }

    /** Prefix beam search {@code width} wide; width 1 is not the same as greedy (it sums alignments). */
    public static Reading beam(float[] probabilities, int offset, int steps, int classes, int width,
                               IntFunction<String> symbol) {
        // Log probabilities of a prefix ending in a blank and ending in its last class.
        Map<Prefix, double[]> beams = new HashMap<>();
        beams.put(Prefix.EMPTY, new double[] {0, Double.NEGATIVE_INFINITY});
        for (int t = 0; t < steps; t++) {
            int row = offset + t * classes;
            double blank = Math.log(Math.max(probabilities[row], 1e-30f));
            List<Integer> candidates = new ArrayList<>();
            for (int c = 1; c < classes; c++) {
                if (probabilities[row + c] >= PRUNE) {
                    candidates.add(c);
                }
            }
            Map<Prefix, double[]> next = new HashMap<>();
            for (Map.Entry<Prefix, double[]> entry : beams.entrySet()) {
                Prefix prefix = entry.getKey();
                double pb = entry.getValue()[0];
                double pnb = entry.getValue()[1];
                double[] same = next.computeIfAbsent(prefix, p -> empty());
                same[0] = add(same[0], add(pb, pnb) + blank);
                if (prefix.last() > 0) {
                    same[1] = add(same[1], pnb + Math.log(probabilities[row + prefix.last()]));
                }
                for (int c : candidates) {
                    double p = Math.log(probabilities[row + c]);
                    double[] extended = next.computeIfAbsent(prefix.plus(c), q -> empty());
                    // A repeat of the last class only extends the prefix across a blank.
                    extended[1] = add(extended[1], (c == prefix.last() ? pb : add(pb, pnb)) + p);
                }
            }
            beams = new HashMap<>();
            List<Map.Entry<Prefix, double[]>> ranked = new ArrayList<>(next.entrySet());
            ranked.sort(Comparator.comparingDouble((Map.Entry<Prefix, double[]> e) -> -total(e.getValue())));
            for (Map.Entry<Prefix, double[]> e : ranked.subList(0, Math.min(width, ranked.size()))) {
                beams.put(e.getKey(), e.getValue());
            }
        }
        Map.Entry<Prefix, double[]> best = beams.entrySet().stream()
                .max(Comparator.comparingDouble(e -> total(e.getValue()))).orElseThrow();
        StringBuilder text = new StringBuilder();
        for (int c : best.getKey().classes()) {
            text.append(symbol.apply(c));
        }
        double confidence = steps == 0 ? 0 : Math.exp(total(best.getValue()) / steps);
        return new Reading(text.toString(), best.getKey().classes().length == 0 ? 0 : confidence);
    }

    private static double[] empty() {
        return new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    }

    private static double total(double[] beam) {
        return add(beam[0], beam[1]);
    }

    /** log(e^a + e^b) without overflow. */
    static double add(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double max = Math.max(a, b);
        return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
    }

    /** A labelling so far, as class indices. */
    private record Prefix(int[] classes) {
        static final Prefix EMPTY = new Prefix(new int[0]);

        int last() {
            return classes.length == 0 ? 0 : classes[classes.length - 1];
        }

        Prefix plus(int c) {
            int[] longer = Arrays.copyOf(classes, classes.length + 1);
            longer[classes.length] = c;
            return new Prefix(longer);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Prefix p && Arrays.equals(classes, p.classes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(classes);
        }
    }
}
