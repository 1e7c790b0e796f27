package io.precis.jobs.report;

import io.precis.chunking.source.LocalDocumentSource;
import io.precis.core.config.ConfigLoader;
import io.precis.core.config.PrecisSettings;
import io.precis.core.model.JobContext;
import io.precis.jobs.summarize.SummarizeCorpusJob;
import io.precis.jobs.tables.TableSchemas;
import io.precis.testkit.sim.LlmSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * A warehouse written by the real summarize-corpus job against the LLM simulator: three runs of two
 * features, one of them moved three days back and one seventy days back, so that the report has
 * days, features, tiers and documents to show, and a job outside its eight weeks to leave out. Only
 * the dates are changed after the job, in {@code llm_calls} and {@code job_costs}, with a Delta
 * UPDATE: a warehouse built over weeks would take weeks.
 */
final class ReportWarehouse {
  static final String SUPPORT = "support-digest";
  static final String CONTRACTS = "contract-review";

  /** A file name that HTML would take for markup, if the page did not escape it. */
  static final String ODD_NAME = "Q3 <draft> & 'notes'.txt";

  private ReportWarehouse() {}

  static PrecisSettings settings(LlmSimulator simulator) {
    return PrecisSettings.from(
        ConfigLoader.load(
            Optional.empty(),
            List.of(
                "llm.tiers.cheap.base-url=" + simulator.baseUrl(),
                "llm.tiers.premium.base-url=" + simulator.openAiBaseUrl(),
                "llm.tiers.premium.api-key-env=",
                // Tables and listings on the premium tier, so that both tiers have calls.
                "routing.buckets.extraction=[premium]",
                "spark.partitions=2",
                "parsing.isolation=none")));
  }

  /** Writes the warehouse under {@code directory}/warehouse and returns its folder. */
  static Path build(SparkSession spark, LlmSimulator simulator, Path directory) {
    try {
      PrecisSettings settings = settings(simulator);
      Path warehouse = directory.resolve("warehouse");

      Path support = Files.createDirectories(directory.resolve("support"));
      for (int i = 1; i <= 6; i++) {
        Files.writeString(support.resolve("ticket-" + i + ".txt"), ticket(i, 3 + 9 * i));
      }
      Files.writeString(support.resolve(ODD_NAME), ticket(7, 40));
      run(spark, settings, support, warehouse, "job-support", SUPPORT);

      Path contracts = Files.createDirectories(directory.resolve("contracts"));
      for (int i = 1; i <= 4; i++) {
        Files.writeString(contracts.resolve("price-schedule-" + i + ".txt"), schedule(i, 20 * i));
      }
      Files.writeString(contracts.resolve("cover-letter.txt"), ticket(9, 25));
      run(spark, settings, contracts, warehouse, "job-contracts", CONTRACTS);
      moveBack(spark, warehouse, "job-contracts", 3);

      Path old = Files.createDirectories(directory.resolve("old"));
      Files.writeString(old.resolve("archived.txt"), ticket(11, 30));
      run(spark, settings, old, warehouse, "job-old", SUPPORT);
      moveBack(spark, warehouse, "job-old", 70);
      return warehouse;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(
      SparkSession spark,
      PrecisSettings settings,
      Path input,
      Path warehouse,
      String jobId,
      String feature) {
    new SummarizeCorpusJob(spark, settings, message -> {})
        .run(
            new LocalDocumentSource(List.of(input)),
            warehouse.toUri().toString(),
            new JobContext(jobId, feature, "acme", ""),
            false);
  }

  /** Moves a job's calls and its job_costs row {@code days} days into the past. */
  private static void moveBack(SparkSession spark, Path warehouse, String jobId, int days) {
    for (String table : List.of(TableSchemas.LLM_CALLS, TableSchemas.JOB_COSTS)) {
      spark.sql(
          "UPDATE delta.`"
              + warehouse.resolve(table).toAbsolutePath()
              + "` SET started_at = started_at - INTERVAL "
              + days
              + " DAYS WHERE job_id = '"
              + jobId
              + "'");
    }
  }

  /** A support ticket of {@code sentences} sentences: prose, so the cheap tier takes it. */
  private static String ticket(int number, int sentences) {
    StringBuilder text =
        new StringBuilder("Ticket " + number + ": the customer reports a problem.\n\n");
    String[] lines = {
      "The driver could not find the loading dock at the northern gate of the depot.",
      "Our dispatcher called the customer back and explained the new entrance.",
      "The customer asked whether the delivery window can move to the morning.",
      "We agreed to send a map with the next confirmation e-mail.",
      "The pallets arrived without damage but the paperwork was incomplete.",
      "The account manager will follow up with the finance team next week."
    };
    for (int i = 0; i < sentences; i++) {
      text.append(lines[(i + number) % lines.length]).append(i % 4 == 3 ? "\n\n" : " ");
    }
    return text.toString();
  }

  /** A price schedule: a listing, which these settings send to the premium tier. */
  private static String schedule(int number, int rows) {
    StringBuilder text = new StringBuilder("Schedule " + number + "\n\n");
    for (int i = 0; i < rows; i++) {
      text.append(
          String.format(
              java.util.Locale.ROOT,
              "SKU %05d: %,d units at %d.%02d EUR, 2025-%02d-%02d%n",
              number * 1000 + i,
              1200 + 37 * i,
              3 + i % 17,
              (11 * i) % 100,
              1 + i % 12,
              1 + i % 28));
    }
    return text.toString();
  }
}
