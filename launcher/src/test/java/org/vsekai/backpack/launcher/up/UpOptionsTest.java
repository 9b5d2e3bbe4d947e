package org.vsekai.backpack.launcher.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.launcher.UsageException;

class UpOptionsTest {

    @Test
    void defaultsToPort8080AndTwoMinutesInParallel() throws UsageException {
        assertThat(UpOptions.parse(List.of())).isEqualTo(new UpOptions(8080, Duration.ofSeconds(120), false));
    }

    @Test
    void takesEachOptionAsTwoWordsOrWithAnEqualsSign() throws UsageException {
        assertThat(UpOptions.parse(List.of("--base-port", "9000", "--start-timeout", "300", "--sequential")))
                .isEqualTo(new UpOptions(9000, Duration.ofSeconds(300), true));
        assertThat(UpOptions.parse(List.of("--base-port=18080", "--start-timeout=30")))
                .isEqualTo(new UpOptions(18080, Duration.ofSeconds(30), false));
    }

    @Test
    void rejectsWhatItCannotUse() {
        assertThatThrownBy(() -> UpOptions.parse(List.of("--base-port"))).isInstanceOf(UsageException.class)
                .hasMessage("--base-port needs a value");
        assertThatThrownBy(() -> UpOptions.parse(List.of("--base-port", "http"))).isInstanceOf(UsageException.class)
                .hasMessage("--base-port takes a number, not 'http'");
        assertThatThrownBy(() -> UpOptions.parse(List.of("--base-port", "65533"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("between 1 and 65531");
        assertThatThrownBy(() -> UpOptions.parse(List.of("--start-timeout", "0"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> UpOptions.parse(List.of("--port", "1"))).isInstanceOf(UsageException.class)
                .hasMessage("unknown option '--port'");
    }
}
