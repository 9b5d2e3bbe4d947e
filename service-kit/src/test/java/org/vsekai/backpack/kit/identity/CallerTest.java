package org.vsekai.backpack.kit.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.kit.problem.ProblemException;

/** The forwarded identity as services read it. */
class CallerTest {

    @Test
    void aForwardedUserAndRolesMakeTheCaller() {
        Caller caller = Caller.required(" user-1 ", "user, admin");

        assertThat(caller.userId()).isEqualTo("user-1");
        assertThat(caller.roles()).containsExactlyInAnyOrder("user", "admin");
        assertThat(caller.admin()).isTrue();
        assertThat(caller.mayActFor("someone-else")).as("an admin may use anyone's").isTrue();
    }

    @Test
    void aUserMayUseOnlyWhatTheyOwn() {
        Caller caller = Caller.required("user-1", "user");

        assertThat(caller.admin()).isFalse();
        assertThat(caller.mayActFor("user-1")).isTrue();
        assertThat(caller.mayActFor("user-2")).isFalse();
        assertThat(Caller.required("user-1", null).roles()).isEmpty();
    }

    @Test
    void noForwardedUserIsA401Problem() {
        for (String missing : new String[] {null, "", "  "}) {
            assertThatThrownBy(() -> Caller.required(missing, "admin"))
                    .isInstanceOfSatisfying(ProblemException.class,
                            e -> assertThat(e.problem().status()).isEqualTo(401));
        }
    }

    @Test
    void theRolesCannotBeChangedAfterwards() {
        Set<String> roles = new HashSet<>(Set.of("user"));
        Caller caller = new Caller("user-1", roles);
        roles.add("admin");

        assertThat(caller.admin()).isFalse();
    }

    @Test
    void noForwardedUserIsAnAnonymousCallerWhoMayActForNobody() {
        Caller caller = Caller.forwarded(null, "admin");

        assertThat(caller.authenticated()).isFalse();
        assertThat(caller.roles()).as("roles without a user are dropped").isEmpty();
        assertThat(caller.mayActFor("user-1")).isFalse();
        assertThat(caller.userHeader()).isNull();
        assertThat(caller.rolesHeader()).isNull();
    }

    @Test
    void theHeadersOfACallerReadBackAsTheSameCaller() {
        Caller caller = new Caller("user-1", Set.of("admin", "user"));

        assertThat(caller.rolesHeader()).isEqualTo("admin,user");
        assertThat(Caller.forwarded(caller.userHeader(), caller.rolesHeader())).isEqualTo(caller);
    }
}
