package org.vsekai.backpack.recommender.model.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.backpack.recommender.model.matrix.Interaction;

class OfflineEvaluationTest {

    @TempDir
    Path directory;

    @Test
    void evaluatesGivenTrainAndTestFilesAndPrintsOneJsonObjectPerAlgorithm() throws IOException {
        Split split = Split.stratified(GridSearchTest.plantedClusters(7), 0.75, 42);
        Path train = write("train.tsv", split.train());
        Path test = write("test.tsv", split.test());
        List<String> progress = new ArrayList<>();

        List<OfflineEvaluation.Result> results = OfflineEvaluation.run(new OfflineEvaluation.Data.Given(train, test),
                List.of(Algorithms.named("popularity").orElseThrow(), Algorithms.named("itemcf-cosine").orElseThrow()),
                false, progress::add);

        assertThat(results).extracting(OfflineEvaluation.Result::algorithm)
                .containsExactly("popularity", "itemcf-cosine");
        assertThat(results.get(1).metrics().ndcg()).isGreaterThan(results.get(0).metrics().ndcg());
        assertThat(results.get(1).metrics().users()).isEqualTo(120);
        String json = OfflineEvaluation.jsonLine(results.get(1));
        assertThat(json).startsWith("{\"algorithm\":\"itemcf-cosine\",\"precision_at_10\":")
                .contains("\"recall_at_10\":", "\"ndcg_at_10\":", "\"map_at_10\":", "\"coverage\":",
                        "\"train_seconds\":")
                .endsWith("}").doesNotContain("\n");
        assertThat(OfflineEvaluation.table(results)).contains("nDCG@10", "itemcf-cosine", "neighbours=");
    }

    @Test
    void formatsTheTableAndJsonWithFixedDecimals() {
        OfflineEvaluation.Result result = new OfflineEvaluation.Result("ease",
                new Metrics(0.4, 0.2, 0.475, 0.3, 0.25, 943), 1.5, new Hyperparameters(Map.of("lambda", 500.0)),
                "defaults");

        assertThat(OfflineEvaluation.jsonLine(result)).isEqualTo("{\"algorithm\":\"ease\",\"precision_at_10\":0.400000,"
                + "\"recall_at_10\":0.200000,\"ndcg_at_10\":0.475000,\"map_at_10\":0.300000,\"coverage\":0.250000,"
                + "\"train_seconds\":1.500}");
        assertThat(OfflineEvaluation.table(List.of(result))).contains(
                "ease               0.4000   0.2000   0.4750   0.3000    0.2500      1.50", "lambda=500 — defaults");
    }

    @Test
    void aMissingRatingsFileIsAClearError() {
        Path missing = directory.resolve("u.data");

        assertThatThrownBy(() -> OfflineEvaluation.run(new OfflineEvaluation.Data.ToSplit(missing),
                Algorithms.all(), false, line -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no ratings file at")
                .hasMessageContaining("u.data");
    }

    @Test
    void aMalformedLineNamesTheFileAndLine() throws IOException {
        Path file = directory.resolve("bad.tsv");
        Files.writeString(file, "1\t2\t5\t1700000000\n1\t3\n");

        assertThatThrownBy(() -> RatingsFile.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.tsv:2");
    }

    private Path write(String name, List<Interaction> interactions) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Interaction i : interactions) {
            text.append(i.userId()).append('\t').append(i.itemId()).append("\t4\t").append(i.time()).append('\n');
        }
        return Files.writeString(directory.resolve(name), text);
    }
}
