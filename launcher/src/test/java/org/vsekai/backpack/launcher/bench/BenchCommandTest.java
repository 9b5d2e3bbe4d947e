package org.vsekai.backpack.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.launcher.BackpackCommand;
import org.vsekai.backpack.launcher.UsageException;

class BenchCommandTest {

    @Test
    void printsTrainingTimesHeapAndLatenciesForEveryAlgorithm() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = BackpackCommand.call(new BenchCommand(), List.of("--users", "300", "--items", "200",
                "--interactions", "4000", "--queries", "100", "--factors", "8", "--iterations", "2", "--epochs", "2",
                "--neighbours", "20"), new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("bench: 300 users × 200 items × 4,000 interactions")
                .contains("generate: ")
                .contains("ials (8 factors, 2 iterations")
                .contains("bpr (8 factors, 2 epochs of ")
                .contains("DJL on PyTorch, CPU): trained in ")
                .contains("itemcf (cosine, shrink 100, 20 neighbours): trained in")
                .contains("rp3beta (α 0.7, β 0.5, 20 neighbours): trained in")
                .contains("user-item top-10, user's items filtered, single thread, 100 queries: p50 ")
                .contains("item-item top-10, a user's items filtered, single thread, 100 queries: p50 ")
                .contains("of recommended items are from the user's taste cluster")
                .contains("peak heap over the whole run: ")
                .contains("EASE not run");
    }

    @Test
    void parsesSizesAndAlgorithmsAndRejectsEase() throws Exception {
        BenchCommand options = parse(List.of("--users=1000", "--items", "2_000", "--algorithms", "rp3beta,ials,bpr",
                "--epochs", "3"));

        assertThat(options.users).isEqualTo(1000);
        assertThat(options.items).isEqualTo(2000);
        assertThat(options.interactions).isEqualTo(5_000_000);
        assertThat(options.algorithms()).containsExactly("rp3beta", "ials", "bpr");
        assertThat(options.epochs).isEqualTo(3);
        assertThatThrownBy(() -> parse(List.of("--algorithms", "ease")))
                .isInstanceOf(UsageException.class).hasMessageContaining("O(items²) memory");
        assertThatThrownBy(() -> parse(List.of("--users", "many")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--users takes a positive number");
    }

    @Test
    void recommenderIsTheTargetNamedOrNot() {
        assertThat(parse(List.of("recommender", "--users", "1000")).users).isEqualTo(1000);
        assertThat(parse(List.of("--users", "1000", "recommender")).target).isEqualTo("recommender");
        assertThat(parse(List.of("--users", "1000")).target).isNull();
        assertThatThrownBy(() -> parse(List.of("recomender")))
                .isInstanceOf(UsageException.class).hasMessage("unknown target 'recomender'; ./backpack bench --help"
                        + " lists them");
    }

    private static BenchCommand parse(List<String> args) {
        return BackpackCommand.parse(new BenchCommand(), args);
    }
}
