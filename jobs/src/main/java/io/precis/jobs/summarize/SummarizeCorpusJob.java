package io.precis.jobs.summarize;

import io.precis.cachewarm.CacheWarmJob;
import io.precis.cachewarm.SnapshotRef;
import io.precis.chunking.DocumentPipeline.ProcessedDocument;
import io.precis.chunking.source.DocumentSource;
import io.precis.core.config.PrecisSettings;
import io.precis.core.errors.Errors;
import io.precis.core.model.DocumentRef;
import io.precis.core.model.JobContext;
import io.precis.core.model.LlmCallRecord;
import io.precis.core.model.Resolution;
import io.precis.jobs.spark.Partitions;
import io.precis.jobs.summarize.ledger.LedgerRef;
import io.precis.jobs.tables.Rows;
import io.precis.jobs.tables.TableSchemas;
import io.precis.jobs.tables.TableWriter;
import io.precis.summarize.CallBudget;
import io.precis.summarize.ChunkOutcome;
import io.precis.summarize.DocumentSummary;
import io.precis.summarize.SummarizerServices;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * summarize-corpus: documents from a source that no earlier run finished are parsed (each in an
 * isolated parser), cleaned of their corpus' boilerplate, chunked, summarized chunk by chunk on the
 * tier each chunk's route names, and reduced to a document summary; everything lands in the Delta
 * tables under the warehouse. The work itself is done by the plain-Java modules; this class only
 * moves data between them with Spark.
 */
public final class SummarizeCorpusJob {
  private final SparkSession spark;
  private final PrecisSettings settings;
  private final Consumer<String> progress;

  public SummarizeCorpusJob(
      SparkSession spark, PrecisSettings settings, Consumer<String> progress) {
    this.spark = spark;
    this.settings = settings;
    this.progress = progress;
  }

  /**
   * Runs the job.
   *
   * @param reprocess process every listed document, also those an earlier run finished
   */
  public JobResult run(DocumentSource source, String warehouse, JobContext job, boolean reprocess) {
    return run(source, warehouse, job, reprocess, Optional.empty());
  }

  /**
   * Runs the job within a budget: it refuses to start (before any call) when the estimate of its
   * calls is over the budget, and stops calling once its workers have spent their share of it; the
   * chunks left are UNRESOLVED with BUDGET_REACHED, for a later run.
   *
   * @param budget USD the job may spend on calls, if limited
   */
  public JobResult run(
      DocumentSource source,
      String warehouse,
      JobContext job,
      boolean reprocess,
      Optional<BigDecimal> budget) {
    Instant started = Instant.now();
    PrecisSettings settings = this.settings;
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    TableWriter tables = new TableWriter(spark, warehouse);
    CorpusPreparation.Prepared prepared =
        new CorpusPreparation(spark, settings, progress).prepare(source, tables, job, reprocess);
    List<DocumentRef> documents = prepared.documents();
    long skipped = prepared.skipped();
    long failed = prepared.failed();
    int partitions = prepared.partitions();
    JavaRDD<ProcessedDocument> processed = prepared.processed();
    Broadcast<Map<String, String>> names = prepared.names();
    // Each document's feature and tenant (job.attribution), for its chunks' and its reduce call.
    Broadcast<Map<String, JobContext>> contexts = prepared.contexts();
    Optional<SnapshotRef> snapshot = snapshot(settings, spark, warehouse);
    snapshot.ifPresent(
        ref -> progress.accept("Looking chunks up in the cache index " + ref.location() + "."));
    BigDecimal limit = budget.orElse(null);
    BigDecimal estimated = null;
    JavaRDD<Estimates.Estimated> estimates = null;
    JavaRDD<ChunkTask> tasks;
    if (limit != null) {
      progress.accept("Estimating the run's cost against its budget...");
      // Estimated once: the total decides whether to start, each chunk's cost sizes its worker's
      // share of the budget.
      estimates =
          Estimates.perDocument(processed, names, contexts, settings, job, started)
              .persist(StorageLevel.MEMORY_AND_DISK());
      estimated =
          Estimates.total(estimates, names, snapshot, settings, job, started, prepared, progress)
              .cost();
      if (estimated.compareTo(limit) > 0) {
        estimates.unpersist();
        prepared.release();
        throw Errors.overBudget(estimated, limit);
      }
      tasks = estimates.flatMap(estimate -> estimate.tasks().iterator());
    } else {
      tasks =
          processed.flatMap(
              document ->
                  document.chunks().stream()
                      .map(
                          chunk ->
                              new ChunkTask(
                                  chunk,
                                  names.value().get(chunk.docId()),
                                  contexts.value().getOrDefault(chunk.docId(), job),
                                  BigDecimal.ZERO))
                      .iterator());
    }
    // After the budget check: a run refused for its budget writes nothing.
    LedgerRef ledger =
        LedgerRef.start(
            settings, warehouse, job.jobId(), spark.sparkContext().hadoopConfiguration());
    prepared.keepBoilerplate(spark, tables, job.jobId());
    long chunkCount = tasks.count();
    progress.accept(
        "Summarizing "
            + chunkCount
            + " chunks of "
            + (documents.size() - failed)
            + " documents ("
            + failed
            + " failed)...");
    JavaRDD<ChunkResolution.Resolved> resolved =
        new ChunkResolution(settings, snapshot, partitions, progress, true)
            .resolve(tasks, toSummarize -> summarize(toSummarize, limit, partitions, ledger))
            .persist(StorageLevel.MEMORY_AND_DISK());
    JavaRDD<ChunkOutcome> outcomes = resolved.map(ChunkResolution.Resolved::outcome);
    resolved.count();
    if (estimates != null) {
      estimates.unpersist(); // the tasks' outcomes are persisted now
    }
    int reducers = Math.max(1, partitions);
    // What the reducers may spend: what the chunks left of the budget, shared equally.
    BigDecimal reduceLimit =
        limit == null
            ? null
            : limit
                .subtract(
                    outcomes
                        .flatMap(outcome -> outcome.calls().iterator())
                        .map(LlmCallRecord::costUsd)
                        .fold(BigDecimal.ZERO, BigDecimal::add))
                .max(BigDecimal.ZERO)
                .divide(BigDecimal.valueOf(reducers), 12, RoundingMode.DOWN);

    progress.accept("Reducing chunk summaries to document summaries...");
    SnapshotRef pinned = snapshot.orElse(null); // Optional is not serializable
    JavaRDD<DocumentSummary> summaries =
        outcomes
            .groupBy(outcome -> outcome.chunk().docId(), reducers)
            .mapPartitions(
                groups -> {
                  SummarizerServices services =
                      SummarizerServices.create(
                          settings,
                          System::getenv,
                          Clock.systemUTC(),
                          reduceLimit == null ? CallBudget.unlimited() : CallBudget.of(reduceLimit),
                          ledger.open());
                  return afterCalls(
                      Partitions.mapConcurrently(
                          groups,
                          settings.llm().concurrency(),
                          group ->
                              services
                                  .documents()
                                  .withCache(CacheEntries.reduceCache(pinned, settings))
                                  .reduce(
                                      group._1(),
                                      names.value().get(group._1()),
                                      list(group._2()),
                                      contexts.value().getOrDefault(group._1(), job))));
                })
            .persist(StorageLevel.MEMORY_AND_DISK());
    JavaRDD<DocumentSummary> complete = summaries.filter(s -> s.summary() != null);
    long summaryCount = complete.count();

    progress.accept("Writing tables to " + warehouse + "...");
    Instant processedAt = Instant.now();
    String jobId = job.jobId();
    // Each paid call once: a chunk or reduce that reused a paid answer from the call ledger carries
    // the record of the call that paid for it.
    JavaRDD<LlmCallRecord> calls =
        outcomes
            .flatMap(outcome -> outcome.calls().iterator())
            .union(summaries.flatMap(summary -> summary.calls().iterator()))
            .mapToPair(call -> new Tuple2<>(call.callId() + "@" + call.startedAt(), call))
            .reduceByKey((a, b) -> a)
            .values()
            .persist(StorageLevel.MEMORY_AND_DISK());
    // What this job paid; the calls of a killed run it reused are recorded under that run.
    JavaRDD<LlmCallRecord> paid = calls.filter(call -> call.job().jobId().equals(jobId));
    // Each processed document, with whether it got its summary in this run.
    JavaRDD<Tuple2<ProcessedDocument, Boolean>> judged =
        processed
            .mapToPair(document -> new Tuple2<>(document.outcome().document().docId(), document))
            .leftOuterJoin(
                complete.mapToPair(summary -> new Tuple2<>(summary.docId(), Boolean.TRUE)))
            .values()
            .map(pair -> new Tuple2<>(pair._1(), pair._2().isPresent()))
            .persist(StorageLevel.MEMORY_AND_DISK());
    if (!documents.isEmpty()) {
      if (settings.cache().enabled()) {
        new CacheEntries(spark, settings)
            .append(tables, resolved, complete, prepared.documents(), job, processedAt);
      }
      writeDocuments(tables, judged, outcomes, complete, calls, jobId, processedAt);
    }

    LocalDate today = started.atZone(ZoneOffset.UTC).toLocalDate();
    JobCosts costs =
        outcomes
            .map(outcome -> new JobCosts().addChunk(outcome.resolution()))
            .union(Estimates.avoided(outcomes, names, settings, job, started))
            .union(
                paid.map(call -> new JobCosts().addCall(call, settings.llm(), settings.prices())))
            .union(
                // Cleaning saved money only on the documents that were summarized.
                judged
                    .filter(Tuple2::_2)
                    .map(
                        pair ->
                            new JobCosts()
                                .addRemovedTokens(
                                    pair._1().cleaning().removedTokens(),
                                    settings.llm(),
                                    settings.prices(),
                                    today)))
            .fold(new JobCosts(), JobCosts::merge);
    String status =
        failed > 0
                || costs.chunks(Resolution.UNRESOLVED) > 0
                || summaryCount < documents.size() - failed
            ? "PARTIAL"
            : "SUCCEEDED";
    Instant finished = Instant.now();
    Row costRow = costs.row(job, started, finished, status, documents.size(), failed, skipped);
    tables.append(
        context.parallelize(List.of(costRow), 1),
        TableSchemas.JOB_COSTS_SCHEMA,
        TableSchemas.JOB_COSTS);

    ledger.finish(); // every call it paid is in llm_calls now
    prepared.release();
    calls.unpersist();
    judged.unpersist();
    resolved.unpersist();
    summaries.unpersist();
    return new JobResult(
        job,
        status,
        documents.size(),
        failed,
        skipped,
        summaryCount,
        costs,
        warehouse,
        Duration.between(started, Instant.now()));
  }

  /**
   * Writes the state of the documents this run processed, and the calls it made. The documents
   * table goes last: a run that dies before it leaves its documents unmarked, so the next run
   * processes them again and replaces their chunks and summaries.
   */
  private void writeDocuments(
      TableWriter tables,
      JavaRDD<Tuple2<ProcessedDocument, Boolean>> judged,
      JavaRDD<ChunkOutcome> outcomes,
      JavaRDD<DocumentSummary> complete,
      JavaRDD<LlmCallRecord> calls,
      String jobId,
      Instant processedAt) {
    JavaRDD<Row> documentRows =
        judged.map(pair -> Rows.document(pair._1(), pair._2(), jobId, processedAt));
    Dataset<Row> processedIds =
        spark.createDataFrame(documentRows, TableSchemas.DOCUMENTS_SCHEMA).select("doc_id");
    tables.replaceByDocument(
        outcomes.map(outcome -> Rows.chunk(outcome, jobId)),
        TableSchemas.CHUNKS_SCHEMA,
        TableSchemas.CHUNKS,
        processedIds);
    tables.replaceByDocument(
        complete.map(s -> Rows.summary(s, jobId, processedAt)),
        TableSchemas.DOC_SUMMARIES_SCHEMA,
        TableSchemas.DOC_SUMMARIES,
        processedIds);
    tables.insertMissing(
        calls.map(Rows::call),
        TableSchemas.LLM_CALLS_SCHEMA,
        TableSchemas.LLM_CALLS,
        "call_id",
        "started_at");
    tables.upsert(documentRows, TableSchemas.DOCUMENTS_SCHEMA, TableSchemas.DOCUMENTS, "doc_id");
  }

  /**
   * Summarizes the chunks with the LLM, each worker with one set of clients and, in a budgeted run,
   * its share of the budget.
   */
  private JavaRDD<ChunkOutcome> summarize(
      JavaRDD<ChunkTask> tasks, BigDecimal limit, int partitions, LedgerRef ledger) {
    PrecisSettings settings = this.settings;
    BigDecimal estimatedTotal;
    long chunkCount;
    if (limit != null) {
      tasks = tasks.persist(StorageLevel.MEMORY_AND_DISK());
      // Shared among the chunks that need a call: what the cache and dedupe resolved costs nothing.
      estimatedTotal = tasks.map(ChunkTask::estimatedCost).fold(BigDecimal.ZERO, BigDecimal::add);
      chunkCount = tasks.count();
    } else {
      estimatedTotal = null;
      chunkCount = 0;
    }
    return tasks
        .repartition(Math.max(1, partitions))
        .mapPartitions(
            chunks -> {
              CallBudget share = CallBudget.unlimited();
              if (limit != null) {
                // The worker's tasks are needed twice: to size its share, then to run.
                List<ChunkTask> mine = new java.util.ArrayList<>();
                chunks.forEachRemaining(mine::add);
                share = CallBudget.of(share(limit, estimatedTotal, mine, chunkCount));
                chunks = mine.iterator();
              }
              SummarizerServices services =
                  SummarizerServices.create(
                      settings, System::getenv, Clock.systemUTC(), share, ledger.open());
              return afterCalls(
                  Partitions.mapConcurrently(
                      chunks,
                      settings.llm().concurrency(),
                      task ->
                          services
                              .chunks()
                              .summarize(
                                  task.chunk(), task.documentName(), task.job(), task.vector())));
            });
  }

  /**
   * For tests only (local mode, where tasks run in the test's JVM): runs in every task that calls
   * the LLM, once its last call is made, and may throw to fail the task, as an executor lost after
   * its calls would.
   */
  static volatile Runnable afterLlmTask;

  private static <T> java.util.Iterator<T> afterCalls(java.util.Iterator<T> results) {
    return new java.util.Iterator<>() {
      private boolean done;

      @Override
      public boolean hasNext() {
        boolean more = results.hasNext();
        Runnable hook = afterLlmTask;
        if (!more && !done && hook != null) {
          done = true;
          hook.run();
        }
        return more;
      }

      @Override
      public T next() {
        return results.next();
      }
    };
  }

  /** The cache index snapshot a run reads, pinned at its start: the newest one published. */
  static Optional<SnapshotRef> snapshot(
      PrecisSettings settings, SparkSession spark, String warehouse) {
    return settings.cache().enabled()
        ? SnapshotRef.latest(
            CacheWarmJob.snapshotRoot(settings, warehouse),
            spark.sparkContext().hadoopConfiguration())
        : Optional.empty();
  }

  /**
   * A chunk worker's share of the budget: the budget times its chunks' share of the estimated cost
   * (so a worker with the costlier chunks may spend more), or of the chunks when nothing is
   * estimated to cost anything. What the chunks' share leaves is the reducers'.
   */
  private static BigDecimal share(
      BigDecimal limit, BigDecimal estimatedTotal, List<ChunkTask> mine, long chunkCount) {
    if (estimatedTotal.signum() == 0) {
      return limit
          .multiply(BigDecimal.valueOf(mine.size()))
          .divide(BigDecimal.valueOf(Math.max(1, chunkCount)), 12, RoundingMode.DOWN);
    }
    BigDecimal estimatedMine =
        mine.stream().map(ChunkTask::estimatedCost).reduce(BigDecimal.ZERO, BigDecimal::add);
    return limit.multiply(estimatedMine).divide(estimatedTotal, 12, RoundingMode.DOWN);
  }

  /** Where a table lives: a folder under the warehouse. */
  public static String tablePath(String warehouse, String table) {
    return TableWriter.tablePath(warehouse, table);
  }

  private static <T> List<T> list(Iterable<T> items) {
    return StreamSupport.stream(items.spliterator(), false).toList();
  }
}
