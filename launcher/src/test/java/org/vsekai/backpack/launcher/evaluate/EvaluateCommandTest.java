package org.vsekai.backpack.launcher.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.backpack.launcher.BackpackCommand;

class EvaluateCommandTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private final EvaluateCommand command = new EvaluateCommand(new PrintStream(progress, true,
            StandardCharsets.UTF_8));

    @Test
    void printsTheTableAndOneJsonLinePerAlgorithmForGivenTrainAndTestFiles() throws Exception {
        int code = evaluateOnClusters("popularity,itemcf-tanimoto");

        assertThat(code).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("algorithm", "nDCG@10", "hyper-parameters:");
        assertThat(text.lines().filter(line -> line.startsWith("{"))).hasSize(2)
                .anyMatch(line -> line.startsWith("{\"algorithm\":\"itemcf-tanimoto\",\"precision_at_10\":"));
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("itemcf-tanimoto: nDCG@10");
    }

    @Test
    void trainsBprOfflineWithDjlAndItLearnsTheClusters() throws Exception {
        int code = evaluateOnClusters("popularity,bpr");

        assertThat(code).isZero();
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        List<String> json = out.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("{"))
                .toList();
        assertThat(json).hasSize(2);
        // Popularity cannot tell the clusters apart; BPR must rank the user's own cluster first.
        assertThat(ndcg(json.get(1))).as(json.get(1)).isGreaterThan(ndcg(json.get(0)) + 0.1);
    }

    private static double ndcg(String jsonLine) {
        String field = "\"ndcg_at_10\":";
        int start = jsonLine.indexOf(field) + field.length();
        return Double.parseDouble(jsonLine.substring(start, jsonLine.indexOf(',', start)));
    }

    @Test
    void aMissingDataFileSaysWhereItWasLookedFor() {
        Path missing = directory.resolve("ml-100k/u.data");

        assertThatThrownBy(() -> BackpackCommand.call(command, List.of("--data", missing.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no ratings file at " + missing)
                .hasMessageContaining("--train PATH --test PATH");
    }

    /** Runs {@code ./backpack evaluate --train ... --test ... --algorithms algorithms} on {@link #writeClusters}. */
    private int evaluateOnClusters(String algorithms) throws Exception {
        Path train = directory.resolve("train.tsv");
        Path test = directory.resolve("test.tsv");
        writeClusters(train, test);
        return BackpackCommand.call(command, List.of("--train", train.toString(), "--test", test.toString(),
                "--algorithms", algorithms), new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    /** Two taste clusters of 8 items; each of 40 users has 5 items of its cluster in train and 1 in test. */
    private static void writeClusters(Path train, Path test) throws IOException {
        Random random = new Random(3);
        StringBuilder trainLines = new StringBuilder();
        StringBuilder testLines = new StringBuilder();
        for (int user = 0; user < 40; user++) {
            int base = user % 2 * 8;
            List<Integer> items = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
            Collections.shuffle(items, random);
            for (int i = 0; i < 6; i++) {
                (i < 5 ? trainLines : testLines).append(user).append('\t').append(base + items.get(i))
                        .append("\t5\t").append(880_000_000 + i).append('\n');
            }
        }
        Files.writeString(train, trainLines);
        Files.writeString(test, testLines);
    }
}
