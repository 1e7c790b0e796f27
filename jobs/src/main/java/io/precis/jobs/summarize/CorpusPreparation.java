package io.precis.jobs.summarize;

import io.precis.chunking.DocumentPipeline;
import io.precis.chunking.DocumentPipeline.ProcessedDocument;
import io.precis.chunking.clean.BoilerplateSet;
import io.precis.chunking.clean.LineFingerprints;
import io.precis.chunking.parse.ParseOutcome;
import io.precis.chunking.source.DocumentSource;
import io.precis.core.config.PrecisSettings;
import io.precis.core.errors.Errors;
import io.precis.core.model.Attribution;
import io.precis.core.model.DocumentRef;
import io.precis.core.model.JobContext;
import io.precis.jobs.spark.Partitions;
import io.precis.jobs.tables.TableWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The first half of summarize-corpus, shared with estimate: list the documents, leave out those an
 * earlier run finished, parse them, learn the corpus' boilerplate, clean and chunk. Nothing here
 * calls a model.
 */
final class CorpusPreparation {
  /**
   * The prepared corpus: the documents to process and what became of each, persisted for the stages
   * that follow. {@link #release()} frees it.
   */
  record Prepared(
      List<DocumentRef> documents,
      long skipped,
      JavaRDD<ProcessedDocument> processed,
      long failed,
      Broadcast<BoilerplateSet> boilerplate,
      Broadcast<Map<String, String>> names,
      Broadcast<Map<String, JobContext>> contexts,
      int partitions,
      boolean learnedBoilerplate) {
    /**
     * Keeps the boilerplate this run learned in the warehouse, for later runs with too few
     * documents to learn their own. A dry run does not call this.
     */
    void keepBoilerplate(SparkSession spark, TableWriter tables, String jobId) {
      if (learnedBoilerplate) {
        BoilerplateTable.write(spark, tables, boilerplate.value(), jobId);
      }
    }

    void release() {
      processed.unpersist();
      boilerplate.destroy();
      names.destroy();
      contexts.destroy();
    }
  }

  private final SparkSession spark;
  private final PrecisSettings settings;
  private final Consumer<String> progress;

  CorpusPreparation(SparkSession spark, PrecisSettings settings, Consumer<String> progress) {
    this.spark = spark;
    this.settings = settings;
    this.progress = progress;
  }

  /**
   * Prepares the documents of the source.
   *
   * @param job the job, whose feature and tenant a document keeps unless a {@code job.attribution}
   *     rule matches it
   * @param reprocess also the documents an earlier run finished
   */
  Prepared prepare(DocumentSource source, TableWriter tables, JobContext job, boolean reprocess) {
    PrecisSettings settings = this.settings;
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
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
    long parsedFailures = parsed.filter(outcome -> outcome instanceof ParseOutcome.Failed).count();

    long parsedDocuments = documents.size() - parsedFailures;
    boolean learning =
        settings.cleaning().enabled()
            && parsedDocuments >= settings.cleaning().boilerplateMinDocuments();
    Broadcast<BoilerplateSet> boilerplate =
        context.broadcast(
            learning ? learnBoilerplate(parsed, parsedDocuments) : knownBoilerplate(tables));
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
    long failed = processed.filter(d -> d.outcome() instanceof ParseOutcome.Failed).count();
    parsed.unpersist();
    return new Prepared(
        documents,
        skipped,
        processed,
        failed,
        boilerplate,
        context.broadcast(documentNames(documents)),
        context.broadcast(documentContexts(documents, settings.job().attribution(), job)),
        partitions,
        learning);
  }

  /**
   * The lines that recur across the job's documents: each document's distinct line fingerprints,
   * counted across documents, kept where they reach the cleaning thresholds.
   */
  private BoilerplateSet learnBoilerplate(JavaRDD<ParseOutcome> parsed, long documents) {
    var cleaning = settings.cleaning();
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
    return BoilerplateSet.from(counts, documents, cleaning);
  }

  /**
   * For a run with too few documents to tell (a rerun of a few changed files): the set the last run
   * with enough documents learned and kept in the warehouse, so that a document is cleaned the same
   * way whether it is processed with its corpus or alone. None when cleaning is off.
   */
  private BoilerplateSet knownBoilerplate(TableWriter tables) {
    return settings.cleaning().enabled()
        ? BoilerplateTable.read(spark, tables)
        : BoilerplateSet.empty();
  }

  /**
   * The context of each document's calls: the job's, with the feature and tenant of the first
   * attribution rule that matches the document. Decided once per document, here on the driver.
   */
  static Map<String, JobContext> documentContexts(
      List<DocumentRef> documents, Attribution attribution, JobContext job) {
    Map<String, JobContext> contexts = new HashMap<>();
    for (DocumentRef document : documents) {
      contexts.put(document.docId(), attribution.contextFor(job, document.uri()));
    }
    return contexts;
  }

  /** The name each document goes by in prompts: the last segment of its URI. */
  static Map<String, String> documentNames(List<DocumentRef> documents) {
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
}
