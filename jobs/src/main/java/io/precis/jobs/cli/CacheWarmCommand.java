package io.precis.jobs.cli;

import io.precis.cachewarm.CacheEntriesTable;
import io.precis.cachewarm.CacheWarmJob;
import io.precis.core.config.PrecisSettings;
import io.precis.core.errors.Errors;
import io.precis.jobs.spark.SparkSessions;
import io.precis.jobs.spark.Warehouses;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code precis cache-warm}: publishes a new index snapshot of the live cache entries. */
@Command(
    name = "cache-warm",
    mixinStandardHelpOptions = true,
    description = {
      "Builds a Lucene index snapshot of the live rows of cache_entries (not invalidated, not"
          + " expired) and publishes it as the newest version under cache.index-path"
          + " (default: <warehouse>/cache_index). Runs that start afterwards serve chunks from it"
          + " as CACHE_HIT.",
      "",
      "Example: precis cache-warm --warehouse ./warehouse"
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:published", "2:a usage or configuration error, or no cache_entries table"})
public final class CacheWarmCommand implements Callable<Integer> {
  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      defaultValue = "warehouse",
      description =
          "Folder of the Delta tables, or a URI Spark can read and write (s3a://, hdfs://...)"
              + " (default: ${DEFAULT-VALUE}).")
  String warehouse;

  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrecisSettings settings = PrecisSettings.from(options.load(List.of()));
    Optional<Path> local = Warehouses.localFolder(warehouse);
    if (local.isPresent()
        && !Files.isDirectory(local.get().resolve(CacheEntriesTable.NAME).resolve("_delta_log"))) {
      throw Errors.noCacheEntries(local.get().toString());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("precis: cache-warm starting Spark...");
    out.flush();
    SparkSession spark = SparkSessions.create(settings.spark(), Optional.empty());
    spark.sparkContext().setLogLevel(options.verbose() ? "INFO" : "WARN");
    try {
      print(
          out,
          new CacheWarmJob(
                  spark,
                  settings,
                  message -> {
                    out.println("precis: " + message);
                    out.flush();
                  })
              .run(Warehouses.uri(warehouse)));
      return 0;
    } finally {
      spark.stop();
    }
  }

  /**
   * Fails before Spark starts when a local warehouse has no cache_entries; a URI with another
   * scheme is checked by the job.
   */
  static void requireEntries(String warehouse) {
    Optional<Path> local = Warehouses.localFolder(warehouse);
    if (local.isPresent()
        && !Files.isDirectory(local.get().resolve(CacheEntriesTable.NAME).resolve("_delta_log"))) {
      throw Errors.noCacheEntries(local.get().toString());
    }
  }

  static void print(PrintWriter out, CacheWarmJob.Result result) {
    out.printf(
        Locale.ROOT,
        "precis: published cache index %s at %s: %,d entries (%,d with vectors), %,d bytes,"
            + " in %.1f s%n",
        result.version(),
        result.location(),
        result.entries(),
        result.vectors(),
        result.bytes(),
        result.took().toMillis() / 1000.0);
    out.flush();
  }
}
