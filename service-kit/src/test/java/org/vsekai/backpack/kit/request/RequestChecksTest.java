package org.vsekai.backpack.kit.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.http.Problem.FieldError;
import org.vsekai.backpack.kit.problem.ProblemException;

/** The identifier and limit rules as every resource applies them. */
class RequestChecksTest {

    @Test
    void aValidIdIsReturnedAsItIs() {
        assertThat(RequestChecks.id("id", "https://example.org/items/ä-1")).isEqualTo("https://example.org/items/ä-1");
        assertThat(RequestChecks.id("id", "x".repeat(256))).hasSize(256);
    }

    @Test
    void anInvalidIdIsA400NamingTheFieldAndTheRule() {
        assertInvalid(() -> RequestChecks.id("userId", " "), "userId", "must not be blank");
        assertInvalid(() -> RequestChecks.id("userId", null), "userId", "must not be blank");
        assertInvalid(() -> RequestChecks.id("itemId", "x".repeat(257)), "itemId",
                "must be at most 256 characters long");
        assertInvalid(() -> RequestChecks.id("itemId", "a\nb"), "itemId", "must not contain control characters");
        assertInvalid(() -> RequestChecks.id("itemId", "a\u0085b"), "itemId", "must not contain control characters");
    }

    @Test
    void aLimitIsAWholeNumberFromOneToAHundredWithADefault() {
        assertThat(RequestChecks.limit(null, 10)).isEqualTo(10);
        assertThat(RequestChecks.limit("", 50)).isEqualTo(50);
        assertThat(RequestChecks.limit("1", 10)).isEqualTo(1);
        assertThat(RequestChecks.limit("100", 10)).isEqualTo(100);
        for (String bad : new String[] {"0", "101", "-1", "abc", "1.5", "99999999999"}) {
            assertInvalid(() -> RequestChecks.limit(bad, 10), "limit", "must be a whole number from 1 to 100");
        }
    }

    private static void assertInvalid(Runnable check, String field, String message) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.problem().errors()).containsExactly(new FieldError(field, message));
        });
    }
}
