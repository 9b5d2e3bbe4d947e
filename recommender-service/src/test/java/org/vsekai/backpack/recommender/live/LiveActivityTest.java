package org.vsekai.backpack.recommender.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.interaction.ActivityType;
import org.vsekai.backpack.recommender.live.LiveActivity.Popular;

class LiveActivityTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final Duration HALF_LIFE = Duration.ofDays(10);

    private final LiveActivity live = new LiveActivity(HALF_LIFE, NOW.minus(Duration.ofDays(3)));

    @Test
    void aUserCountsOnceForAnItemWithTheirStrongestDecayedSignal() {
        for (int i = 0; i < 5; i++) {
            live.record("spammer", "a", ActivityType.VIEW, 1, true, NOW);
        }
        live.record("fan", "a", ActivityType.LIKE, 3, true, NOW);
        live.record("fan", "a", ActivityType.VIEW, 1, true, NOW);

        assertThat(live.popularity("a", NOW)).isCloseTo(1 + 3, within(1e-9));
    }

    @Test
    void aSignalOneHalfLifeOldCountsHalf() {
        live.record("u1", "old", ActivityType.ADD, 4, false, NOW.minus(HALF_LIFE));
        live.record("u1", "new", ActivityType.ADD, 4, false, NOW);

        assertThat(live.popularity("old", NOW)).isCloseTo(2, within(1e-9));
        assertThat(live.popularity("new", NOW)).isCloseTo(4, within(1e-9));
        // Later, both have decayed by the same factor: the ranking does not change with the clock.
        assertThat(live.popular(2, id -> true, NOW.plus(HALF_LIFE))).extracting(Popular::itemId)
                .containsExactly("new", "old");
        assertThat(live.popularity("new", NOW.plus(HALF_LIFE))).isCloseTo(2, within(1e-9));
    }

    @Test
    void popularRanksByScoreThenIdAndSkipsWhatIsNotAllowed() {
        live.record("u1", "b", ActivityType.LIKE, 3, true, NOW);
        live.record("u1", "c", ActivityType.LIKE, 3, true, NOW);
        live.record("u2", "a", ActivityType.VIEW, 1, true, NOW);
        live.record("u2", "d", ActivityType.REMOVE, 0, false, NOW);

        assertThat(live.popular(10, id -> true, NOW)).extracting(Popular::itemId).containsExactly("b", "c", "a");
        assertThat(live.popular(2, id -> !id.equals("b"), NOW)).extracting(Popular::itemId)
                .containsExactly("c", "a");
    }

    @Test
    void excludesTheBackpackAndSeenItemsButNotAnItemTakenOut() {
        live.record("me", "seen", ActivityType.VIEW, 1, true, NOW);
        live.record("me", "kept", ActivityType.ADD, 5, false, NOW);
        live.record("me", "taken-out", ActivityType.ADD, 5, false, NOW);
        live.record("me", "taken-out", ActivityType.REMOVE, 0, false, NOW.plusSeconds(1));

        UserActivity me = live.user("me").orElseThrow();
        assertThat(me.excluded()).containsExactlyInAnyOrder("seen", "kept");
        assertThat(me.backpack()).containsOnlyKeys("kept");
        assertThat(me.positiveItems()).containsExactlyInAnyOrder("seen", "kept", "taken-out");
    }

    @Test
    void erasingAUserTakesBackExactlyWhatTheyAddedToPopularity() {
        live.record("stays", "a", ActivityType.LIKE, 3, true, NOW);
        live.record("goes", "a", ActivityType.ADD, 5, false, NOW.minus(Duration.ofDays(1)));
        live.record("goes", "only-theirs", ActivityType.LIKE, 3, true, NOW);

        assertThat(live.erase("goes")).isTrue();

        assertThat(live.popularity("a", NOW)).isCloseTo(3, within(1e-9));
        assertThat(live.popular(10, id -> true, NOW)).extracting(Popular::itemId).containsExactly("a");
        assertThat(live.user("goes")).isEmpty();
        assertThat(live.knowsUser("goes")).isFalse();
        assertThat(live.erase("goes")).as("a second erasure").isFalse();
    }

    @Test
    void restoringFromTheDatabaseIsIdempotentAndLeavesTheBackpackToItsOwnTable() {
        live.restore("u", "a", 5, false, NOW);
        live.restore("u", "a", 5, false, NOW);
        live.record("u", "a", ActivityType.ADD, 5, false, NOW);
        assertThat(live.popularity("a", NOW)).isCloseTo(5, within(1e-9));

        live.restore("v", "b", 5, false, NOW);
        assertThat(live.user("v").orElseThrow().backpack()).isEmpty();
        live.restoreBackpackEntry("v", "b", NOW);
        assertThat(live.user("v").orElseThrow().backpack()).containsEntry("b", NOW);
    }

    @Test
    void knowsItemsAndTheirKinds() {
        live.item("avatar-1", "avatar");
        live.record("u", "unknown-kind", ActivityType.VIEW, 1, true, NOW);
        assertThat(live.kindOf("avatar-1")).contains("avatar");
        assertThat(live.knowsItem("unknown-kind")).isTrue();
        assertThat(live.kindOf("unknown-kind")).isEmpty();
        assertThat(live.knowsItem("never")).isFalse();
    }

    @Test
    void aGoneItemLeavesPopularityBackpacksAndInterestAndNoEarlierModelServesItAgain() {
        live.item("gone", "prop");
        live.item("kept", "prop");
        live.record("u", "gone", ActivityType.ADD, 5, false, NOW);
        live.record("u", "kept", ActivityType.LIKE, 3, true, NOW);
        live.record("v", "gone", ActivityType.VIEW, 1, true, NOW);
        Instant trainedBefore = NOW.minusSeconds(1);
        assertThat(live.mayServe("gone", trainedBefore)).isTrue();

        live.remove("gone", NOW);

        assertThat(live.popularity("gone", NOW)).isZero();
        assertThat(live.popular(10, id -> true, NOW)).extracting(Popular::itemId).containsExactly("kept");
        assertThat(live.user("u").orElseThrow().backpack()).isEmpty();
        assertThat(live.user("u").orElseThrow().positiveItems()).containsExactly("kept");
        assertThat(live.knowsItem("gone")).isFalse();
        assertThat(live.kindOf("gone")).isEmpty();
        assertThat(live.mayServe("gone", trainedBefore)).isFalse();
        assertThat(live.mayServe("gone", NOW.plusSeconds(1))).as("gone, whatever the model").isFalse();
        assertThat(live.mayServe("kept", trainedBefore)).isTrue();

        // What arrives after the tombstone is kept but not served while the item is gone.
        live.record("w", "gone", ActivityType.ADD, 5, false, NOW);
        assertThat(live.popular(10, id -> true, NOW)).extracting(Popular::itemId).containsExactly("kept");
        assertThat(live.user("w").orElseThrow().backpack()).isEmpty();

        // A newer record brings the id back as a new item: live again, but not from a model older than its removal.
        live.item("gone", "prop");
        assertThat(live.knowsItem("gone")).isTrue();
        assertThat(live.popular(10, id -> true, NOW)).extracting(Popular::itemId).containsExactly("gone", "kept");
        assertThat(live.user("w").orElseThrow().backpack()).containsKey("gone");
        assertThat(live.mayServe("gone", trainedBefore)).isFalse();
        assertThat(live.mayServe("gone", NOW.plusSeconds(1))).isTrue();
    }

    @Test
    void aGoneItemRestoredAtStartStaysGone() {
        live.restoreItem("gone", null, true, NOW);
        live.restore("u", "gone", 5, true, NOW);
        assertThat(live.knowsItem("gone")).isFalse();
        assertThat(live.popular(10, id -> true, NOW)).isEmpty();
        assertThat(live.user("u").orElseThrow().positiveItems()).isEmpty();
        assertThat(live.mayServe("gone", NOW.plusSeconds(1))).isFalse();
    }
}
