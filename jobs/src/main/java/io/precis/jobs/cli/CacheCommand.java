package io.precis.jobs.cli;

import io.precis.core.config.PrecisSettings;
import io.precis.core.errors.Errors;
import io.precis.routing.cache.calibrate.Calibration;
import io.precis.routing.cache.calibrate.CalibrationReport;
import io.precis.routing.cache.calibrate.LabelledPair;
import io.precis.routing.cache.calibrate.LabelledPairs;
import io.precis.routing.embed.Embedder;
import io.precis.routing.embed.Embedders;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code precis cache}: the semantic cache's commands; each subcommand is one task. */
@Command(
    name = "cache",
    mixinStandardHelpOptions = true,
    description = {"Looks after the semantic cache: calibrate its threshold."},
    subcommands = {CacheCommand.Calibrate.class})
final class CacheCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code precis cache calibrate}: how precise and how useful semantic hits are at each threshold
   * with the configured embedder, and the threshold to set.
   */
  @Command(
      name = "calibrate",
      mixinStandardHelpOptions = true,
      description = {
        "Embeds labelled pairs (same / different) with the configured embedder and prints, for"
            + " thresholds 0.50 to 0.99, the precision, recall and hit rate of semantic hits, with"
            + " the guards and on the cosine alone, then recommends the lowest threshold that"
            + " meets the target precision. Calibrate on pairs from your own documents: thresholds"
            + " differ per embedding model and per corpus (docs/cache.md)."
      })
  static final class Calibrate implements Callable<Integer> {
    /** The shipped pairs, conf/calibration/cache-pairs.tsv, on the class path. */
    static final String SHIPPED_PAIRS = "precis/conf/calibration/cache-pairs.tsv";

    @Option(
        names = "--pairs",
        paramLabel = "FILE",
        description =
            "Labelled pairs, tab-separated: label (same|different), category, text_a, text_b,"
                + " after a header line (default: the shipped set,"
                + " conf/calibration/cache-pairs.tsv).")
    Path pairs;

    @Option(
        names = "--target-precision",
        paramLabel = "P",
        defaultValue = "0.99",
        description = "Least precision the recommended threshold must reach (default: 0.99).")
    double targetPrecision;

    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      if (!(targetPrecision > 0 && targetPrecision <= 1)) {
        throw Errors.badTargetPrecision(targetPrecision);
      }
      PrecisSettings settings = PrecisSettings.from(options.load(List.of()));
      List<LabelledPair> labelled = pairs == null ? shipped() : LabelledPairs.read(pairs);
      PrintWriter out = spec.commandLine().getOut();
      CalibrationReport report;
      try (Embedder embedder = Embedders.create(settings.embedder(), System::getenv)) {
        report = Calibration.run(labelled, embedder, targetPrecision);
      }
      out.print(report.render());
      out.println();
      out.print(advice(report, settings));
      out.flush();
      return 0;
    }

    private static List<LabelledPair> shipped() {
      InputStream in = Calibrate.class.getClassLoader().getResourceAsStream(SHIPPED_PAIRS);
      if (in == null) {
        throw new IllegalStateException(SHIPPED_PAIRS + " is missing from the class path");
      }
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        return LabelledPairs.parse(reader, "conf/calibration/cache-pairs.tsv");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** What to set, next to what is set now. */
    static String advice(CalibrationReport report, PrecisSettings settings) {
      String now =
          String.format(
              Locale.ROOT,
              "Now set: cache.threshold = %.2f, dedupe.semantic-threshold = %.2f.%n",
              settings.cache().threshold(),
              settings.dedupe().semanticThreshold());
      String rest =
          "Thresholds hold for one embedder ("
              + report.embedderId()
              + ") and one kind of text: calibrate again after changing embedder.*, and on pairs"
              + " from your own documents (--pairs FILE, see docs/cache.md).\n";
      return report
          .recommended()
          .map(
              row ->
                  String.format(
                          Locale.ROOT,
                          "Set in your --conf file:%n"
                              + "  cache.threshold = %.2f%n"
                              + "  dedupe.semantic-threshold = %.2f%n",
                          row.threshold(),
                          row.threshold())
                      + now
                      + rest)
          .orElse(
              "No threshold to recommend: leave semantic hits off (dedupe.semantic = false,"
                  + " cache.threshold = 0.99) until pairs of your own data show one.\n"
                  + now
                  + rest);
    }
  }
}
