package org.vsekai.backpack.launcher.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.launcher.BackpackCommand;
import org.vsekai.backpack.launcher.UsageException;
import org.vsekai.backpack.recommender.model.evaluation.AlgorithmSpec;
import org.vsekai.backpack.recommender.model.evaluation.Algorithms;
import org.vsekai.backpack.recommender.model.evaluation.OfflineEvaluation;

class EvaluateOptionsTest {

    private final Path root = Path.of("/repo/main");

    @Test
    void defaultsToMovieLensBesideTheRepositoryEveryAlgorithmAndNoTuning() {
        EvaluateCommand options = parse(List.of(), root);

        assertThat(options.data(root)).isEqualTo(
                new OfflineEvaluation.Data.ToSplit(Path.of("/repo/shared/data/ml-100k/u.data")));
        assertThat(options.algorithms()).extracting(AlgorithmSpec::name).containsExactlyElementsOf(Algorithms.names());
        assertThat(options.tune).isFalse();
    }

    @Test
    void takesTrainAndTestFilesAChosenListOfAlgorithmsAndTuning() {
        EvaluateCommand options = parse(
                List.of("--train", "a.tsv", "--test=/data/b.tsv", "--algorithms", "ease, ials", "--tune"), root);

        assertThat(options.data(root)).isEqualTo(
                new OfflineEvaluation.Data.Given(Path.of("/repo/main/a.tsv"), Path.of("/data/b.tsv")));
        assertThat(options.algorithms()).extracting(AlgorithmSpec::name).containsExactly("ease", "ials");
        assertThat(options.tune).isTrue();
        assertThat(parse(List.of("--data=/x/u.data"), root).data(root))
                .isEqualTo(new OfflineEvaluation.Data.ToSplit(Path.of("/x/u.data")));
    }

    @Test
    void rejectsInconsistentOrUnknownArguments() {
        assertThatThrownBy(() -> parse(List.of("--train", "a"), root))
                .isInstanceOf(UsageException.class).hasMessage("--train and --test go together");
        assertThatThrownBy(() -> parse(List.of("--data", "d", "--train", "a", "--test", "b"), root))
                .isInstanceOf(UsageException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> parse(List.of("--algorithms", "ease,svd"), root))
                .isInstanceOf(UsageException.class).hasMessageContaining("unknown algorithm 'svd'")
                .hasMessageContaining("itemcf-cosine");
        assertThatThrownBy(() -> parse(List.of("--data"), root))
                .isInstanceOf(UsageException.class).hasMessage("--data needs a value");
        assertThatThrownBy(() -> parse(List.of("--fast"), root))
                .isInstanceOf(UsageException.class).hasMessage("unknown option '--fast'");
    }

    /** What EvaluateOptions.parse did before picocli: read the arguments, then resolve the data source. */
    private static EvaluateCommand parse(List<String> args, Path root) {
        EvaluateCommand command = BackpackCommand.parse(new EvaluateCommand(), args);
        command.data(root);
        return command;
    }
}
