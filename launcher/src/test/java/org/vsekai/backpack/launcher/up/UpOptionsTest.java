package org.vsekai.backpack.launcher.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.launcher.BackpackCommand;
import org.vsekai.backpack.launcher.UsageException;

class UpOptionsTest {

    @Test
    void defaultsToPort8080AndTwoMinutesInParallel() {
        assertThat(parse(List.of())).isEqualTo(List.of(8080, Duration.ofSeconds(120), false));
    }

    @Test
    void takesEachOptionAsTwoWordsOrWithAnEqualsSign() {
        assertThat(parse(List.of("--base-port", "9000", "--start-timeout", "300", "--sequential")))
                .isEqualTo(List.of(9000, Duration.ofSeconds(300), true));
        assertThat(parse(List.of("--base-port=18080", "--start-timeout=30")))
                .isEqualTo(List.of(18080, Duration.ofSeconds(30), false));
    }

    @Test
    void rejectsWhatItCannotUse() {
        assertThatThrownBy(() -> parse(List.of("--base-port"))).isInstanceOf(UsageException.class)
                .hasMessage("--base-port needs a value");
        assertThatThrownBy(() -> parse(List.of("--base-port", "http"))).isInstanceOf(UsageException.class)
                .hasMessage("--base-port takes a number, not 'http'");
        assertThatThrownBy(() -> parse(List.of("--base-port", "65533"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("between 1 and 65531");
        assertThatThrownBy(() -> parse(List.of("--start-timeout", "0"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> parse(List.of("--port", "1"))).isInstanceOf(UsageException.class)
                .hasMessage("unknown option '--port'");
    }

    @Test
    void takesATraceTargetAndItsProtocol() {
        UpCommand up = BackpackCommand.parse(new UpCommand(), List.of("--traces", "http://collector:4318/v1/traces",
                "--traces-protocol=http/protobuf"));
        assertThat(up.traces).isEqualTo("http://collector:4318/v1/traces");
        assertThat(up.tracesProtocol).isEqualTo("http/protobuf");
        UpCommand plain = BackpackCommand.parse(new UpCommand(), List.of());
        assertThat(plain.traces).isNull();
        assertThat(plain.tracesProtocol).isEqualTo("grpc");
    }

    /** What UpOptions was before picocli: the base port, the start timeout and the sequential switch. */
    private static List<Object> parse(List<String> args) {
        UpCommand up = BackpackCommand.parse(new UpCommand(), args);
        return List.of(up.ports.basePort(), up.startTimeout, up.sequential);
    }
}
