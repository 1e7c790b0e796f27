package io.precis.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code precis cache calibrate}: the table, the advice, and one line for a bad input. */
class CacheCommandTest {
  @TempDir Path directory;

  record Outcome(int exitCode, String out, String err) {}

  private static Outcome precis(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Outcome(exitCode, out.toString(), err.toString());
  }

  private Path pairs(String... lines) throws IOException {
    Path file = directory.resolve("pairs.tsv");
    Files.writeString(file, "label\tcategory\ttext_a\ttext_b\n" + String.join("\n", lines) + "\n");
    return file;
  }

  @Test
  void calibratesOwnPairsWithTheConfiguredEmbedderAndSaysWhatToSet() throws IOException {
    Path file =
        pairs(
            "same\tparaphrase\tshow me my invoices\tlist my recent invoices",
            "same\tparaphrase\tThe invoice is due in 30 days.\tThe invoice must be paid within"
                + " thirty days.",
            "different\tnegation\tEnable 2FA for all admin accounts.\tDisable 2FA for all admin"
                + " accounts.",
            "different\tnumber\tThe invoice is due in 30 days.\tThe invoice is due in 45 days.",
            "different\tunrelated\tshow me my invoices\tKubernetes schedules pods onto nodes.");
    Outcome outcome =
        precis("cache", "calibrate", "--pairs", file.toString(), "--set", "cache.threshold=0.9");

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out())
        .startsWith(
            "Calibration of minilm/all-minilm-l6-v2-q on 5 pairs (2 same, 3 different), target"
                + " precision 0.99")
        .contains("threshold  precision  recall  hit rate")
        .containsPattern("(?m)^0\\.50 ")
        .containsPattern("(?m)^0\\.99 ")
        .containsPattern("negation +different +1 +0 +\\d +\\d")
        .contains("Now set: cache.threshold = 0.90, dedupe.semantic-threshold = 0.95.")
        .contains("calibrate again after changing embedder.*");
    // The guards veto the negation and the number change at every threshold, so the best
    // paraphrase alone sets a threshold that meets the target.
    assertThat(outcome.out())
        .containsPattern("Recommended threshold: 0\\.\\d\\d")
        .containsPattern("cache.threshold = 0\\.\\d\\d\n  dedupe.semantic-threshold = 0\\.\\d\\d");
  }

  @Test
  void withoutPairsItCalibratesTheShippedSet() {
    Outcome outcome = precis("cache", "calibrate", "--target-precision", "0.95");

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out())
        .containsPattern("on \\d{3} pairs \\(\\d+ same, \\d+ different\\), target precision 0.95")
        .containsPattern("entity +different +\\d+ +0 ")
        .containsPattern("date +different +\\d+ +0 ")
        .contains("Set in your --conf file:");
  }

  @Test
  void aBadLineIsOneLineNamingIt() throws IOException {
    Path file =
        pairs(
            "same\tparaphrase\tshow me my invoices\tlist my recent invoices",
            "different\tnegation\tEnable 2FA.",
            "different\tnumber\t30 days\t45 days");
    Outcome outcome = precis("cache", "calibrate", "--pairs", file.toString());

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err().lines()).hasSize(1);
    assertThat(outcome.err())
        .startsWith(
            "precis: Line 3 of "
                + file
                + ": it has 3 tab-separated columns but needs 4 (label, category, text_a,"
                + " text_b). Fix that line;");
    assertThat(outcome.out()).isEmpty();
  }

  @Test
  void aMissingFileOrABadTargetIsOneLine() {
    Path missing = directory.resolve("nope.tsv");
    Outcome file = precis("cache", "calibrate", "--pairs", missing.toString());
    assertThat(file.exitCode()).isEqualTo(2);
    assertThat(file.err()).startsWith("precis: Pairs file " + missing + " does not exist.");

    Outcome target = precis("cache", "calibrate", "--target-precision", "1.5");
    assertThat(target.exitCode()).isEqualTo(2);
    assertThat(target.err())
        .isEqualTo(
            "precis: --target-precision is 1.5 but must be more than 0 and at most 1, e.g."
                + " --target-precision 0.99.\n");
  }

  @Test
  void cacheListsItsSubcommands() {
    Outcome cache = precis("cache");
    assertThat(cache.exitCode()).isZero();
    assertThat(cache.out()).startsWith("Usage: precis cache").contains("calibrate");
    assertThat(precis("cache", "calibrate", "--help").out())
        .startsWith("Usage: precis cache calibrate")
        .contains("--pairs=FILE", "--target-precision=P", "--conf=FILE");
    assertThat(precis("--help").out()).contains("cache");
  }
}
