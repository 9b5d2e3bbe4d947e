package org.vsekai.backpack.gateway.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.vsekai.backpack.contracts.Identifiers;
import org.vsekai.backpack.contracts.http.Paging;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.kit.request.RequestChecks;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Query parameters and path ids as the gateway checks them before a peer sees them: a ranked list's {@code limit}
 * ({@link RankedQuery}) and an id ({@link RequestChecks#id}). Each is within its bounds or refused with a 400
 * problem; nothing else may escape (JAX-RS would answer an exception 500, or 404 for a parameter it cannot convert).
 */
class RankedQueryFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void checksOrRefusesWithA400(byte[] input) {
        // The first line is the limit (none when the input has no line break), the rest the id.
        String text = new String(input, StandardCharsets.UTF_8);
        int lineBreak = text.indexOf('\n');
        RankedQuery query = new RankedQuery();
        query.limit = lineBreak < 0 ? null : text.substring(0, lineBreak);
        try {
            assertThat(query.checkedLimit()).isBetween(1, Paging.MAX_LIMIT);
        } catch (ProblemException refused) {
            assertThat(refused.problem().status()).isEqualTo(400);
        }

        String id = text.substring(lineBreak + 1);
        try {
            assertThat(RequestChecks.id("itemId", id)).isEqualTo(id);
            assertThat(id.length()).isBetween(1, Identifiers.MAX_LENGTH);
        } catch (ProblemException refused) {
            assertThat(refused.problem().status()).isEqualTo(400);
            assertThat(Identifiers.isValid(id)).isFalse();
        }
    }
}
