package org.vsekai.backpack.recommender.model.evaluation;

import java.util.BitSet;
import java.util.List;

import org.vsekai.backpack.recommender.model.algorithm.Recommender;
import org.vsekai.backpack.recommender.model.algorithm.ScoredIndex;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

/** Scores a fitted model on held-out items: top-k per user, items seen in training removed. */
public final class Evaluation {

    private Evaluation() {
    }

    public static Metrics evaluate(Recommender model, InteractionMatrix train, HeldOut heldOut, int k) {
        double precision = 0;
        double recall = 0;
        double ndcg = 0;
        double map = 0;
        BitSet recommended = new BitSet(train.itemCount());
        for (HeldOut.UserItems user : heldOut.users()) {
            List<ScoredIndex> top = model.recommend(user.user(), k, train.seenBy(user.user()));
            int[] ranked = top.stream().mapToInt(ScoredIndex::item).toArray();
            for (int item : ranked) {
                recommended.set(item);
            }
            precision += RankingMetrics.precision(ranked, user::isRelevant, k);
            recall += RankingMetrics.recall(ranked, user::isRelevant, user.relevantCount(), k);
            ndcg += RankingMetrics.ndcg(ranked, user::isRelevant, user.relevantCount(), k);
            map += RankingMetrics.averagePrecision(ranked, user::isRelevant, user.relevantCount(), k);
        }
        int users = heldOut.users().size();
        double n = Math.max(1, users);
        double coverage = train.itemCount() == 0 ? 0 : recommended.cardinality() / (double) train.itemCount();
        return new Metrics(precision / n, recall / n, ndcg / n, map / n, coverage, users);
    }
}
