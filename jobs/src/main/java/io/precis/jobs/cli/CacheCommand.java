package io.precis.jobs.cli;

import io.precis.cachewarm.CacheInvalidation;
import io.precis.cachewarm.CacheWarmJob;
import io.precis.core.config.PrecisSettings;
import io.precis.core.errors.Errors;
import io.precis.jobs.spark.SparkSessions;
import io.precis.jobs.spark.Warehouses;
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
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code precis cache}: the semantic cache's commands; each subcommand is one task. */
@Command(
    name = "cache",
    mixinStandardHelpOptions = true,
    description = {
      "Looks after the semantic cache: invalidate entries, calibrate its threshold.",
      "(precis cache-warm publishes the index that runs are served from.)"
    },
    subcommands = {CacheCommand.Invalidate.class, CacheCommand.Calibrate.class})
final class CacheCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code precis cache invalidate}: marks entries invalidated (by tag, scope or age) and publishes
   * an index without them, so that no run started afterwards is served from them.
   */
  @Command(
      name = "invalidate",
      mixinStandardHelpOptions = true,
      description = {
        "Marks the live cache entries that match every criterion given as invalidated"
            + " (cache_entries.invalidated_at; rows are kept), then publishes a new index"
            + " snapshot without them (as precis cache-warm does) unless --no-warm.",
        "",
        "Examples:",
        "  precis cache invalidate --tag source=/data/contracts/old.pdf",
        "  precis cache invalidate --tenant acme --prompt-version chunk-summary/v1",
        "  precis cache invalidate --older-than 30d"
      },
      exitCodeListHeading = "Exit codes:%n",
      exitCodeList = {"0:done", "2:a usage or configuration error, or no cache_entries table"})
  static final class Invalidate implements Callable<Integer> {
    @Option(
        names = "--warehouse",
        paramLabel = "DIR",
        defaultValue = "warehouse",
        description = "Folder of the Delta tables, or a URI Spark can read and write.")
    String warehouse;

    @Option(
        names = "--tag",
        paramLabel = "KEY=VALUE",
        description =
            "Entries with this tag (repeatable; all must match). Tags: user, feature, doc_id,"
                + " source (the document's URI), data_version, origin.")
    java.util.Map<String, String> tags = new java.util.LinkedHashMap<>();

    @Option(names = "--tenant", description = "Entries of this tenant.")
    String tenant;

    @Option(
        names = "--model",
        paramLabel = "PROVIDER/MODEL",
        description = "Entries of this model, e.g. ollama/llama3.2:3b.")
    String model;

    @Option(
        names = "--prompt-version",
        paramLabel = "VERSION",
        description = "Entries of this prompt version, e.g. chunk-summary/v1.")
    String promptVersion;

    @Option(
        names = "--older-than",
        paramLabel = "AGE",
        description = "Entries written longer ago than this, e.g. 30d or 12h.")
    String olderThan;

    @Option(names = "--all", description = "Every live entry.")
    boolean all;

    @Option(names = "--no-warm", description = "Do not publish a new index snapshot afterwards.")
    boolean noWarm;

    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrecisSettings settings = PrecisSettings.from(options.load(List.of()));
      CacheInvalidation invalidation =
          new CacheInvalidation(
              tags,
              java.util.Optional.ofNullable(tenant),
              java.util.Optional.ofNullable(model),
              java.util.Optional.ofNullable(promptVersion),
              java.util.Optional.ofNullable(olderThan).map(Invalidate::age),
              all);
      PrintWriter out = spec.commandLine().getOut();
      CacheWarmCommand.requireEntries(warehouse);
      out.println("precis: cache invalidate starting Spark...");
      out.flush();
      SparkSession spark = SparkSessions.create(settings.spark(), java.util.Optional.empty());
      spark.sparkContext().setLogLevel(options.verbose() ? "INFO" : "WARN");
      try {
        String uri = Warehouses.uri(warehouse);
        long invalidated = invalidation.apply(spark, uri, java.time.Instant.now());
        out.printf(Locale.ROOT, "precis: invalidated %,d cache entries%n", invalidated);
        out.flush();
        if (!noWarm) {
          CacheWarmCommand.print(
              out,
              new CacheWarmJob(
                      spark,
                      settings,
                      message -> {
                        out.println("precis: " + message);
                        out.flush();
                      })
                  .run(uri));
        }
        return 0;
      } finally {
        spark.stop();
      }
    }

    /** An age such as 30d, 12h or 90m (HOCON duration syntax). */
    static java.time.Duration age(String text) {
      try {
        java.time.Duration age =
            com.typesafe.config.ConfigFactory.parseMap(java.util.Map.of("age", text))
                .getDuration("age");
        if (age.isNegative() || age.isZero()) {
          throw Errors.invalidOption("--older-than", text, "a positive age, e.g. 30d or 12h");
        }
        return age;
      } catch (com.typesafe.config.ConfigException e) {
        throw Errors.invalidOption("--older-than", text, "an age such as 30d, 12h or 90m");
      }
    }
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
