package io.precis.jobs.cli;

import io.precis.chunking.chunk.JtokkitTokenCounter;
import io.precis.chunking.source.DocumentSource;
import io.precis.chunking.source.DocumentSources;
import io.precis.core.config.PrecisSettings;
import io.precis.core.errors.Errors;
import io.precis.core.model.JobContext;
import io.precis.jobs.spark.SparkSessions;
import io.precis.jobs.spark.Warehouses;
import io.precis.jobs.summarize.EstimateJob;
import io.precis.jobs.summarize.JobResult;
import io.precis.jobs.summarize.SummarizeCorpusJob;
import io.precis.summarize.SummarizerServices;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.SparkSession;

/**
 * Runs summarize-corpus for the CLI: checks what can be checked in seconds (inputs, warehouse,
 * tiers) before Spark starts, runs the job, prints the cost table.
 */
final class JobRunner {
  private static final DateTimeFormatter JOB_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private JobRunner() {}

  /** What a run reads and where it writes, and how. */
  record Request(
      List<String> inputs,
      String warehouse,
      Optional<String> jobId,
      Optional<String> master,
      boolean reprocess,
      boolean verbose,
      Optional<java.math.BigDecimal> budget) {
    Request(
        List<String> inputs,
        String warehouse,
        Optional<String> jobId,
        Optional<String> master,
        boolean reprocess,
        boolean verbose) {
      this(inputs, warehouse, jobId, master, reprocess, verbose, Optional.empty());
    }
  }

  static JobResult run(PrecisSettings settings, Request request, PrintWriter out) {
    return run(settings, request, out, false);
  }

  /**
   * Runs summarize-corpus, or with {@code estimate} its dry run: no model is called (so only the
   * prices are checked, not the servers) and nothing is written.
   */
  static JobResult run(
      PrecisSettings settings, Request request, PrintWriter out, boolean estimate) {
    List<String> inputs = request.inputs();
    if (inputs.isEmpty()) {
      throw Errors.noInput();
    }
    DocumentSource source = DocumentSources.of(inputs, settings.source()); // checks the schemes
    for (String input : inputs) {
      if (!input.contains("://") && !Files.exists(Path.of(input))) {
        throw Errors.missingInput(Path.of(input));
      }
    }
    String warehouse = request.warehouse();
    Optional<String> jobId = request.jobId();
    // An estimate only reads the warehouse (what earlier runs finished): it creates nothing.
    String warehouseUri = prepareWarehouse(warehouse, !estimate);
    JtokkitTokenCounter.forEncoding(settings.chunking().encoding()); // fails here, not in a task
    Clock clock = Clock.systemUTC();
    if (estimate) {
      SummarizerServices.requirePrices(settings, clock);
    } else {
      SummarizerServices.preflight(settings, System::getenv, clock);
      boolean embeds =
          (settings.dedupe().enabled() && settings.dedupe().semantic())
              || settings.cache().enabled();
      if (embeds && !settings.embedder().provider().equals("minilm")) {
        // A remote embedder with a wrong URL, model or key fails here, not in the first task.
        io.precis.routing.embed.Embedders.check(settings.embedder(), System::getenv);
      }
    }

    JobContext job =
        new JobContext(
            jobId.orElseGet(() -> newJobId(clock)),
            settings.job().feature(),
            settings.job().tenant(),
            settings.job().user());
    out.println("precis: job " + job.jobId() + " starting Spark...");
    out.flush();
    SparkSession spark = SparkSessions.create(settings.spark(), request.master());
    spark.sparkContext().setLogLevel(request.verbose() ? "INFO" : "WARN");
    try {
      java.util.function.Consumer<String> progress =
          message -> {
            out.println("precis: " + message);
            out.flush();
          };
      JobResult result;
      if (estimate) {
        result =
            new EstimateJob(spark, settings, progress)
                .run(source, warehouseUri, job, request.reprocess());
      } else {
        SparkSessions.requireWritable(spark, warehouseUri); // before any call is paid for
        result =
            new SummarizeCorpusJob(spark, settings, progress)
                .run(source, warehouseUri, job, request.reprocess(), request.budget());
      }
      out.print(CostReport.render(result, settings));
      out.flush();
      return result;
    } finally {
      spark.stop();
    }
  }

  /**
   * The warehouse as a URI for Spark ({@link Warehouses#uri}); a local folder is created and
   * checked for write access first, if {@code create}.
   */
  static String prepareWarehouse(String warehouse, boolean create) {
    Optional<Path> local = Warehouses.localFolder(warehouse);
    if (create && local.isPresent()) {
      Path absolute = local.get();
      try {
        Files.createDirectories(absolute);
      } catch (IOException e) {
        throw Errors.warehouseNotWritable(
            absolute.toString(), e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      if (!Files.isWritable(absolute)) {
        throw Errors.warehouseNotWritable(absolute.toString(), "permission denied");
      }
    }
    return Warehouses.uri(warehouse);
  }

  static String newJobId(Clock clock) {
    byte[] random = new byte[3];
    ThreadLocalRandom.current().nextBytes(random);
    return "job-" + JOB_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(random);
  }
}
