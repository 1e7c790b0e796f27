package io.precis.jobs.summarize;

import io.precis.chunking.DocumentPipeline;
import io.precis.chunking.DocumentPipeline.ProcessedDocument;
import io.precis.chunking.parse.ParseOutcome;
import io.precis.chunking.source.DocumentSource;
import io.precis.core.config.PrecisSettings;
import io.precis.core.errors.Errors;
import io.precis.core.model.DocumentRef;
import io.precis.core.model.JobContext;
import io.precis.core.model.LlmCallRecord;
import io.precis.jobs.tables.Rows;
import io.precis.jobs.tables.TableSchemas;
import io.precis.summarize.ChunkOutcome;
import io.precis.summarize.DocumentSummary;
import io.precis.summarize.SummarizerServices;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * summarize-corpus: documents from a source go through parsing and chunking, each chunk is
 * summarized on the tier its route names, each document's chunk summaries are reduced to its
 * summary, and everything lands in the Delta tables under the warehouse. The work itself is done by
 * the plain-Java modules; this class only moves data between them with Spark.
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

  public JobResult run(DocumentSource source, String warehouse, JobContext job) {
    Instant started = Instant.now();
    PrecisSettings settings = this.settings;
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());

    progress.accept("Listing documents...");
    List<DocumentRef> documents = source.list();
    if (documents.isEmpty()) {
      throw Errors.noDocuments(source.toString());
    }
    int partitions =
        settings.spark().partitions() > 0
            ? settings.spark().partitions()
            : 2 * context.defaultParallelism();
    progress.accept("Parsing and chunking " + documents.size() + " documents...");
    JavaRDD<ProcessedDocument> processed =
        context
            .parallelize(documents, Math.max(1, Math.min(partitions, documents.size())))
            .mapPartitions(
                refs -> {
                  DocumentPipeline pipeline = new DocumentPipeline(source, settings);
                  return map(refs, pipeline::process);
                })
            .persist(StorageLevel.MEMORY_AND_DISK());
    long failed = processed.filter(d -> d.outcome() instanceof ParseOutcome.Failed).count();

    Broadcast<Map<String, String>> names = context.broadcast(documentNames(documents));
    JavaRDD<ChunkTask> tasks =
        processed.flatMap(
            document ->
                document.chunks().stream()
                    .map(chunk -> new ChunkTask(chunk, names.value().get(chunk.docId())))
                    .iterator());
    long chunkCount = tasks.count();
    progress.accept(
        "Summarizing "
            + chunkCount
            + " chunks of "
            + (documents.size() - failed)
            + " documents ("
            + failed
            + " could not be parsed)...");
    JavaRDD<ChunkOutcome> outcomes =
        tasks
            .repartition(Math.max(1, partitions))
            .mapPartitions(
                chunks -> {
                  SummarizerServices services =
                      SummarizerServices.create(settings, System::getenv, Clock.systemUTC());
                  return map(
                      chunks,
                      task -> services.chunks().summarize(task.chunk(), task.documentName(), job));
                })
            .persist(StorageLevel.MEMORY_AND_DISK());
    outcomes.count();

    progress.accept("Reducing chunk summaries to document summaries...");
    JavaRDD<DocumentSummary> summaries =
        outcomes
            .groupBy(outcome -> outcome.chunk().docId())
            .mapPartitions(
                groups -> {
                  SummarizerServices services =
                      SummarizerServices.create(settings, System::getenv, Clock.systemUTC());
                  return map(
                      groups,
                      group ->
                          services
                              .documents()
                              .reduce(
                                  group._1(),
                                  names.value().get(group._1()),
                                  list(group._2()),
                                  job));
                })
            .persist(StorageLevel.MEMORY_AND_DISK());
    summaries.count();

    progress.accept("Writing tables to " + warehouse + "...");
    Instant processedAt = Instant.now();
    String jobId = job.jobId();
    write(
        processed.map(d -> Rows.document(d.outcome(), d.chunks().size(), jobId, processedAt)),
        TableSchemas.DOCUMENTS_SCHEMA,
        warehouse,
        TableSchemas.DOCUMENTS);
    write(
        outcomes.map(outcome -> Rows.chunk(outcome, jobId)),
        TableSchemas.CHUNKS_SCHEMA,
        warehouse,
        TableSchemas.CHUNKS);
    JavaRDD<DocumentSummary> complete = summaries.filter(s -> s.summary() != null);
    write(
        complete.map(s -> Rows.summary(s, jobId, processedAt)),
        TableSchemas.DOC_SUMMARIES_SCHEMA,
        warehouse,
        TableSchemas.DOC_SUMMARIES);
    JavaRDD<LlmCallRecord> calls =
        outcomes
            .flatMap(outcome -> outcome.calls().iterator())
            .union(summaries.flatMap(summary -> summary.calls().iterator()));
    write(calls.map(Rows::call), TableSchemas.LLM_CALLS_SCHEMA, warehouse, TableSchemas.LLM_CALLS);

    JobCosts costs =
        outcomes
            .map(outcome -> new JobCosts().addChunk(outcome.resolution()))
            .union(
                calls.map(call -> new JobCosts().addCall(call, settings.llm(), settings.prices())))
            .fold(new JobCosts(), JobCosts::merge);
    long summaryCount = complete.count();
    String status =
        failed > 0
                || costs.chunks(io.precis.core.model.Resolution.UNRESOLVED) > 0
                || summaryCount < documents.size() - failed
            ? "PARTIAL"
            : "SUCCEEDED";
    Instant finished = Instant.now();
    Row costRow = costs.row(job, started, finished, status, documents.size(), failed);
    write(
        context.parallelize(List.of(costRow), 1),
        TableSchemas.JOB_COSTS_SCHEMA,
        warehouse,
        TableSchemas.JOB_COSTS);

    processed.unpersist();
    outcomes.unpersist();
    summaries.unpersist();
    names.destroy();
    return new JobResult(
        job,
        status,
        documents.size(),
        failed,
        summaryCount,
        costs,
        warehouse,
        Duration.between(started, Instant.now()));
  }

  private void write(JavaRDD<Row> rows, StructType schema, String warehouse, String table) {
    spark
        .createDataFrame(rows, schema)
        .write()
        .format("delta")
        .mode(SaveMode.Append)
        .save(tablePath(warehouse, table));
  }

  /** Where a table lives: a folder under the warehouse. */
  public static String tablePath(String warehouse, String table) {
    return warehouse.endsWith("/") ? warehouse + table : warehouse + "/" + table;
  }

  private static Map<String, String> documentNames(List<DocumentRef> documents) {
    Map<String, String> names = new HashMap<>();
    for (DocumentRef document : documents) {
      String path = URI.create(document.uri()).getPath();
      String name = path == null ? document.uri() : Path.of(path).getFileName().toString();
      names.put(document.docId(), name);
    }
    return names;
  }

  private static <T> List<T> list(Iterable<T> items) {
    return StreamSupport.stream(items.spliterator(), false).toList();
  }

  /** Applies the function lazily, so that a partition streams through instead of piling up. */
  private static <A, B> Iterator<B> map(
      Iterator<A> items, java.util.function.Function<A, B> function) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return items.hasNext();
      }

      @Override
      public B next() {
        return function.apply(items.next());
      }
    };
  }
}
