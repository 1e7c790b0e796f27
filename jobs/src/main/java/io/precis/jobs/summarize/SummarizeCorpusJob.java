package io.precis.jobs.summarize;

import io.precis.chunking.DocumentPipeline;
import io.precis.chunking.DocumentPipeline.ProcessedDocument;
import io.precis.chunking.clean.BoilerplateSet;
import io.precis.chunking.clean.LineFingerprints;
import io.precis.chunking.parse.ParseOutcome;
import io.precis.chunking.source.DocumentSource;
import io.precis.core.config.PrecisSettings;
import io.precis.core.errors.Errors;
import io.precis.core.model.DocumentRef;
import io.precis.core.model.JobContext;
import io.precis.core.model.LlmCallRecord;
import io.precis.core.model.Resolution;
import io.precis.jobs.spark.Partitions;
import io.precis.jobs.tables.Rows;
import io.precis.jobs.tables.TableSchemas;
import io.precis.jobs.tables.TableWriter;
import io.precis.summarize.ChunkOutcome;
import io.precis.summarize.DocumentSummary;
import io.precis.summarize.SummarizerServices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    Instant started = Instant.now();
    PrecisSettings settings = this.settings;
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    TableWriter tables = new TableWriter(spark, warehouse);

    progress.accept("Listing documents...");
    List<DocumentRef> listed = source.list();
    if (listed.isEmpty()) {
      throw Errors.noDocuments(source.toString());
    }
    List<DocumentRef> documents =
        reprocess ? listed : IncrementalFilter.pending(spark, tables, listed);
    long skipped = listed.size() - documents.size();
    if (skipped > 0) {
      progress.accept(
          skipped
              + " of "
              + listed.size()
              + " documents are unchanged since an earlier run: skipped");
    }
    int partitions =
        settings.spark().partitions() > 0
            ? settings.spark().partitions()
            : 2 * context.defaultParallelism();

    progress.accept("Parsing " + documents.size() + " documents...");
    JavaRDD<ParseOutcome> parsed =
        context
            .parallelize(documents, Math.max(1, Math.min(partitions, documents.size())))
            .mapPartitions(
                refs -> {
                  DocumentPipeline pipeline = new DocumentPipeline(source, settings);
                  return Partitions.map(refs, pipeline, pipeline::parse);
                })
            .persist(StorageLevel.MEMORY_AND_DISK());
    long failed = parsed.filter(outcome -> outcome instanceof ParseOutcome.Failed).count();

    Broadcast<BoilerplateSet> boilerplate =
        context.broadcast(boilerplate(parsed, documents.size() - failed, tables, job));
    progress.accept(
        "Cleaning and chunking ("
            + boilerplate.value().size()
            + " boilerplate lines found across documents)...");
    JavaRDD<ProcessedDocument> processed =
        parsed
            .mapPartitions(
                outcomes -> {
                  DocumentPipeline pipeline = new DocumentPipeline(source, settings);
                  return Partitions.map(
                      outcomes,
                      pipeline,
                      outcome -> pipeline.prepare(outcome, boilerplate.value()));
                })
            .persist(StorageLevel.MEMORY_AND_DISK());
    failed = processed.filter(d -> d.outcome() instanceof ParseOutcome.Failed).count();
    parsed.unpersist();

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
            + " failed)...");
    JavaRDD<ChunkOutcome> outcomes =
        tasks
            .repartition(Math.max(1, partitions))
            .mapPartitions(
                chunks -> {
                  SummarizerServices services =
                      SummarizerServices.create(settings, System::getenv, Clock.systemUTC());
                  return Partitions.map(
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
                  return Partitions.map(
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
    JavaRDD<DocumentSummary> complete = summaries.filter(s -> s.summary() != null);
    long summaryCount = complete.count();

    progress.accept("Writing tables to " + warehouse + "...");
    Instant processedAt = Instant.now();
    String jobId = job.jobId();
    JavaRDD<LlmCallRecord> calls =
        outcomes
            .flatMap(outcome -> outcome.calls().iterator())
            .union(summaries.flatMap(summary -> summary.calls().iterator()));
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
      writeDocuments(tables, judged, outcomes, complete, calls, jobId, processedAt);
    }

    LocalDate today = started.atZone(ZoneOffset.UTC).toLocalDate();
    JobCosts costs =
        outcomes
            .map(outcome -> new JobCosts().addChunk(outcome.resolution()))
            .union(
                calls.map(call -> new JobCosts().addCall(call, settings.llm(), settings.prices())))
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

    processed.unpersist();
    judged.unpersist();
    outcomes.unpersist();
    summaries.unpersist();
    names.destroy();
    boilerplate.destroy();
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
    tables.append(calls.map(Rows::call), TableSchemas.LLM_CALLS_SCHEMA, TableSchemas.LLM_CALLS);
    tables.upsert(documentRows, TableSchemas.DOCUMENTS_SCHEMA, TableSchemas.DOCUMENTS, "doc_id");
  }

  /**
   * The lines that recur across the job's documents: each document's distinct line fingerprints,
   * counted across documents, kept where they reach the cleaning thresholds. A run with too few
   * documents to tell (a rerun of a few changed files) uses the set the last run with enough
   * documents learned and kept in the warehouse, so that a document is cleaned the same way whether
   * it is processed with its corpus or alone.
   */
  private BoilerplateSet boilerplate(
      JavaRDD<ParseOutcome> parsed, long documents, TableWriter tables, JobContext job) {
    var cleaning = settings.cleaning();
    if (!cleaning.enabled()) {
      return BoilerplateSet.empty();
    }
    if (documents < cleaning.boilerplateMinDocuments()) {
      return BoilerplateTable.read(spark, tables);
    }
    long minimum = BoilerplateSet.minimumDocuments(documents, cleaning);
    Map<Long, Long> counts =
        parsed
            .filter(outcome -> outcome instanceof ParseOutcome.Parsed)
            .flatMap(
                outcome ->
                    Arrays.stream(
                            LineFingerprints.of(((ParseOutcome.Parsed) outcome).text(), cleaning))
                        .boxed()
                        .iterator())
            .mapToPair(fingerprint -> new Tuple2<>(fingerprint, 1L))
            .reduceByKey(Long::sum)
            .filter(entry -> entry._2() >= minimum)
            .collectAsMap();
    BoilerplateSet learned = BoilerplateSet.from(counts, documents, cleaning);
    BoilerplateTable.write(spark, tables, learned, job.jobId());
    return learned;
  }

  /** Where a table lives: a folder under the warehouse. */
  public static String tablePath(String warehouse, String table) {
    return TableWriter.tablePath(warehouse, table);
  }

  private static Map<String, String> documentNames(List<DocumentRef> documents) {
    Map<String, String> names = new HashMap<>();
    for (DocumentRef document : documents) {
      // The last segment of the URI as it is: S3 keys are not URI-encoded.
      String uri = document.uri();
      String trimmed = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
      String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
      if (uri.startsWith("file:")) {
        name =
            java.net.URLDecoder.decode(
                name.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
      }
      names.put(document.docId(), name.isEmpty() ? uri : name);
    }
    return names;
  }

  private static <T> List<T> list(Iterable<T> items) {
    return StreamSupport.stream(items.spliterator(), false).toList();
  }
}
