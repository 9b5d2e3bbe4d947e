package org.vsekai.backpack.gateway.avatar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.ParseException;

class StreamTokenTest {

    @Test
    void theTokenComesFromTheHeaderTheSubprotocolOrTheQueryInThatOrder() throws ParseException {
        assertThat(StreamToken.of("Bearer a.b.c", List.of("backpack.bearer, x.y.z"), "access_token=q.r.s"))
                .isEqualTo("a.b.c");
        assertThat(StreamToken.of(null, List.of("chat", "backpack.bearer, x.y.z"), "access_token=q.r.s"))
                .isEqualTo("x.y.z");
        assertThat(StreamToken.of(null, List.of(), "a=1&access_token=q.r%2Es")).isEqualTo("q.r.s");
    }

    @Test
    void noTokenIsNull() throws ParseException {
        assertThat(StreamToken.of(null, null, null)).isNull();
        assertThat(StreamToken.of("Basic dXNlcjpwYXNz", List.of("backpack.bearer"), "token=x")).isNull();
        assertThat(StreamToken.of("Bearer ", List.of(), "access_token=")).isNull();
    }

    /** Found by TokenFuzzTest: URLDecoder's IllegalArgumentException escaped; now a token the verifier cannot read. */
    @Test
    void aQueryTokenThatIsNotPercentEncodingIsRefusedAsUnreadable() {
        assertThatThrownBy(() -> StreamToken.of(null, List.of(), "access_token=%7In0.e30."))
                .isInstanceOf(ParseException.class).hasMessageContaining("access_token");
        assertThatThrownBy(() -> StreamToken.of(null, List.of(), "access_token=a.b.c%"))
                .isInstanceOf(ParseException.class);
    }
}
