package org.vsekai.backpack.recommender.model.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.vsekai.backpack.recommender.model.matrix.Interaction;

/** A training part and a held-out part of the same interactions. */
public record Split(List<Interaction> train, List<Interaction> test) {

    /**
     * Per-user stratified random split: users in order of first appearance, each user's interactions (in input order)
     * shuffled with one RNG seeded once, the first round(fraction·n) to train and the rest to test. Every user with
     * at least one interaction keeps at least one in train.
     */
    public static Split stratified(List<Interaction> interactions, double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction <= 1)) {
            throw new IllegalArgumentException("train fraction must be in (0, 1], was " + trainFraction);
        }
        Map<String, List<Interaction>> byUser = new LinkedHashMap<>();
        for (Interaction interaction : interactions) {
            byUser.computeIfAbsent(interaction.userId(), user -> new ArrayList<>()).add(interaction);
        }
        Random random = new Random(seed);
        List<Interaction> train = new ArrayList<>();
        List<Interaction> test = new ArrayList<>();
        for (List<Interaction> own : byUser.values()) {
            Collections.shuffle(own, random);
            int trainSize = Math.max(1, (int) Math.round(trainFraction * own.size()));
            train.addAll(own.subList(0, trainSize));
            test.addAll(own.subList(trainSize, own.size()));
        }
        return new Split(List.copyOf(train), List.copyOf(test));
    }
}
