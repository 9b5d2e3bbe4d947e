package org.vsekai.backpack.gateway.avatar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StreamTokenTest {

    @Test
    void theTokenComesFromTheHeaderTheSubprotocolOrTheQueryInThatOrder() {
        assertThat(StreamToken.of("Bearer a.b.c", List.of("backpack.bearer, x.y.z"), "access_token=q.r.s"))
                .isEqualTo("a.b.c");
        assertThat(StreamToken.of(null, List.of("chat", "backpack.bearer, x.y.z"), "access_token=q.r.s"))
                .isEqualTo("x.y.z");
        assertThat(StreamToken.of(null, List.of(), "a=1&access_token=q.r%2Es")).isEqualTo("q.r.s");
    }

    @Test
    void noTokenIsNull() {
        assertThat(StreamToken.of(null, null, null)).isNull();
        assertThat(StreamToken.of("Basic dXNlcjpwYXNz", List.of("backpack.bearer"), "token=x")).isNull();
        assertThat(StreamToken.of("Bearer ", List.of(), "access_token=")).isNull();
    }
}
