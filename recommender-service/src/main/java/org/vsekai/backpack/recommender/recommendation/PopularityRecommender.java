package org.vsekai.backpack.recommender.recommendation;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.interaction.ActivityType;
import org.vsekai.backpack.contracts.recommendation.Recommendations;
import org.vsekai.backpack.contracts.recommendation.ScoredItem;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The walking skeleton's model: items ranked by how many distinct users interacted with them, without the items
 * the user already touched. Computed live from the interactions table, so a new interaction counts at once.
 */
@ApplicationScoped
public class PopularityRecommender {

    public static final String MODEL = "popularity@live";

    // Distinct users, so one user repeating an activity cannot push an item up; Remove is not a sign of interest.
    private static final String MOST_POPULAR_UNSEEN = """
            select new org.vsekai.backpack.recommender.recommendation.ItemPopularity(i.itemId, count(distinct i.userId))
            from Interaction i
            where i.type <> :removed
              and i.itemId not in (select j.itemId from Interaction j where j.userId = :userId)
            group by i.itemId
            order by count(distinct i.userId) desc, i.itemId""";

    @WithSession
    public Uni<Recommendations> recommend(String userId, int limit) {
        return Panache.getSession().flatMap(session -> session
                        .createSelectionQuery(MOST_POPULAR_UNSEEN, ItemPopularity.class)
                        .setParameter("removed", ActivityType.REMOVE)
                        .setParameter("userId", userId)
                        .setMaxResults(limit)
                        .getResultList())
                .map(rows -> new Recommendations(userId, MODEL, toItems(rows)));
    }

    private static List<ScoredItem> toItems(List<ItemPopularity> rows) {
        return rows.stream().map(row -> new ScoredItem(row.itemId(), row.users(), List.of())).toList();
    }
}
