package org.vsekai.backpack.recommender.model.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Named numeric hyper-parameters of one model, in a fixed order. */
public record Hyperparameters(Map<String, Double> values) {

    public Hyperparameters {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public double get(String name) {
        Double value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no hyper-parameter '" + name + "' in " + this);
        }
        return value;
    }

    public int getInt(String name) {
        return (int) Math.round(get(name));
    }

    /** Every combination of the given values, the first parameter varying slowest. */
    public static List<Hyperparameters> grid(Map<String, List<Double>> axes) {
        List<Map<String, Double>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Double>> axis : axes.entrySet()) {
            List<Map<String, Double>> extended = new ArrayList<>();
            for (Map<String, Double> combination : combinations) {
                for (Double value : axis.getValue()) {
                    Map<String, Double> next = new LinkedHashMap<>(combination);
                    next.put(axis.getKey(), value);
                    extended.add(next);
                }
            }
            combinations = extended;
        }
        return combinations.stream().map(Hyperparameters::new).toList();
    }

    @Override
    public String toString() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + format(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
