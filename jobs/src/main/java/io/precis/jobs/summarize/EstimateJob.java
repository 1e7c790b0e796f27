package io.precis.jobs.summarize;

import io.precis.chunking.source.DocumentSource;
import io.precis.core.config.PrecisSettings;
import io.precis.core.model.JobContext;
import io.precis.jobs.tables.TableWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * estimate: a dry run of summarize-corpus. It lists, skips what an earlier run finished, parses,
 * cleans and chunks exactly as a run would, routes every chunk, and prices the calls it would make
 * (see {@link io.precis.summarize.CostEstimator}), less what the cache index holds by its text and
 * what dedupes exactly or nearly, as the run would; it calls no model, embeds nothing and writes
 * nothing.
 */
public final class EstimateJob {
  /** The status of an estimate's result. */
  public static final String STATUS = "ESTIMATE";

  private final SparkSession spark;
  private final PrecisSettings settings;
  private final Consumer<String> progress;

  public EstimateJob(SparkSession spark, PrecisSettings settings, Consumer<String> progress) {
    this.spark = spark;
    this.settings = settings;
    this.progress = progress;
  }

  public JobResult run(DocumentSource source, String warehouse, JobContext job, boolean reprocess) {
    Instant started = Instant.now();
    CorpusPreparation.Prepared prepared =
        new CorpusPreparation(spark, settings, progress)
            .prepare(source, new TableWriter(spark, warehouse), job, reprocess);
    progress.accept("Pricing the calls a run would make...");
    JobCosts costs =
        Estimates.of(
            prepared,
            SummarizeCorpusJob.snapshot(settings, spark, warehouse),
            settings,
            job,
            started,
            progress);
    long documents = prepared.documents().size();
    long failed = prepared.failed();
    prepared.release();
    return new JobResult(
        job,
        STATUS,
        documents,
        failed,
        prepared.skipped(),
        documents - failed,
        costs,
        warehouse,
        Duration.between(started, Instant.now()));
  }
}
