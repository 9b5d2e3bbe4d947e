package org.vsekai.backpack.gateway.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.vsekai.backpack.contracts.Identifiers;
import org.vsekai.backpack.gateway.config.GatewayConfig;
import org.vsekai.backpack.gateway.testing.GatewayTestConfig;
import org.vsekai.backpack.kit.problem.ProblemException;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * ActivityStreams bodies of {@code POST /api/v1/interactions} and {@code :batch}, fuzzed: the reader either returns
 * activities that are complete and valid, or refuses with a 400 or 413 problem; nothing else may escape it (a
 * Jackson or date-time exception would be a 500). The configured limits hold: no batch larger than max-batch-size.
 * Each input is read both as one activity and as a batch.
 */
class ActivityReaderFuzzTest {

    private static final GatewayConfig CONFIG = GatewayTestConfig.gateway();
    private static final ActivityReader READER = new ActivityReader(new ObjectMapper(), CONFIG);

    @FuzzTest(maxDuration = "5s")
    void readsOrRefusesWithAProblem(byte[] body) {
        read(body, false);
        read(body, true);
    }

    private static void read(byte[] body, boolean batch) {
        try {
            List<Activity> activities = batch ? READER.readBatch(body) : List.of(READER.readOne(body));
            assertThat(activities).isNotEmpty().hasSizeLessThanOrEqualTo(CONFIG.limits().maxBatchSize());
            for (Activity activity : activities) {
                assertThat(activity.type()).isNotNull();
                assertThat(activity.published()).isNotNull();
                assertThat(Identifiers.isValid(activity.actor())).isTrue();
                assertThat(Identifiers.isValid(activity.object())).isTrue();
                assertThat(activity.id() == null || Identifiers.isValid(activity.id())).isTrue();
            }
        } catch (ProblemException refused) {
            assertThat(refused.problem().status()).isIn(400, 413);
        }
    }
}
