package io.precis.jobs.summarize;

import io.delta.tables.DeltaTable;
import io.precis.cachewarm.CacheEntriesTable;
import io.precis.cachewarm.SnapshotRef;
import io.precis.core.config.PrecisSettings;
import io.precis.core.config.TierSettings;
import io.precis.core.model.DocumentRef;
import io.precis.core.model.JobContext;
import io.precis.core.model.Resolution;
import io.precis.core.util.Hashes;
import io.precis.jobs.tables.TableWriter;
import io.precis.routing.cache.CacheScope;
import io.precis.routing.cache.guard.GuardFeatures;
import io.precis.routing.embed.Embedders;
import io.precis.routing.index.IndexedEntry;
import io.precis.summarize.ChunkOutcome;
import io.precis.summarize.DocumentSummary;
import io.precis.summarize.Prompt;
import io.precis.summarize.ReduceCache;
import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Adds a run's chunk summaries to {@code cache_entries} when the run ends: one entry per scope and
 * text that the cache did not already hold, whether the chunk was summarized, deduplicated or
 * served by meaning. An entry is tagged with who ran the job, the feature, the source document and
 * a hash of its version, and expires a fixed {@code cache.ttl} after it is written (never later
 * than the entry it was served from). A live entry of the same scope and text is never written
 * twice.
 */
final class CacheEntries {
  private final SparkSession spark;
  private final PrecisSettings settings;

  CacheEntries(SparkSession spark, PrecisSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  /** Where a chunk came from, for its tags. */
  private record Source(String uri, String versionHash) implements Serializable {}

  /**
   * The scope of a document's reduce answer: its tenant, the model of the tier that reduces, the
   * reduce prompt's version and the document summary's length.
   */
  static CacheScope reduceScope(PrecisSettings settings, JobContext job, TierSettings tier) {
    return new CacheScope(
        job.tenant(),
        tier.modelKey(),
        Prompt.DOCUMENT_REDUCE.version(),
        "words=" + settings.summary().documentWords());
  }

  /** Reduce answers of the pinned snapshot, found by the reduce call's exact input. */
  static ReduceCache reduceCache(SnapshotRef snapshot, PrecisSettings settings) {
    if (snapshot == null) {
      return ReduceCache.NONE;
    }
    return (job, tier, input) ->
        snapshot
            .open()
            .exact(
                reduceScope(settings, job, tier).key(),
                ReduceCache.inputHash(input),
                System.currentTimeMillis())
            .map(IndexedEntry::summary);
  }

  void append(
      TableWriter tables,
      JavaRDD<ChunkResolution.Resolved> resolved,
      JavaRDD<DocumentSummary> summaries,
      List<DocumentRef> documents,
      JobContext job,
      Instant at) {
    Map<String, Source> sources = new HashMap<>();
    for (DocumentRef document : documents) {
      sources.put(
          document.docId(),
          new Source(document.uri(), Hashes.sha256Prefix(16, document.version())));
    }
    var shared =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
            .broadcast(sources);
    String embedder = Embedders.id(settings.embedder());
    long ttl = settings.cache().ttl().toMillis();
    JavaRDD<Row> rows =
        resolved
            .filter(r -> !r.cached() && r.outcome().resolved())
            .mapToPair(r -> new Tuple2<>(r.scope().key() + "/" + r.outcome().chunk().textHash(), r))
            // One entry per scope and text: the one of the smallest chunk id.
            .reduceByKey(
                (a, b) ->
                    a.outcome().chunk().chunkId().compareTo(b.outcome().chunk().chunkId()) <= 0
                        ? a
                        : b)
            .values()
            .map(
                r -> {
                  long expires = at.toEpochMilli() + ttl;
                  if (r.expiresAtMillis() != null) {
                    expires = Math.min(expires, r.expiresAtMillis());
                  }
                  Source source = shared.value().get(r.outcome().chunk().docId());
                  return row(r, source, job, embedder, at, expires);
                });
    PrecisSettings settings = this.settings; // the closures must not capture this
    TierSettings reducer = settings.llm().cheapest();
    // Every reduce answer of a document's tree that was called for, not only the root: a document
    // whose chunk summaries change in one place then calls again only on that path.
    JavaRDD<Row> reduced =
        summaries
            .filter(s -> s.summary() != null)
            .flatMap(
                s -> {
                  Source source = shared.value().get(s.docId());
                  JobContext context = resolvedContext(s, job);
                  CacheScope scope = reduceScope(settings, context, reducer);
                  Map<String, String> tags = new LinkedHashMap<>();
                  tags.put("user", context.userId());
                  tags.put("feature", context.feature());
                  tags.put("doc_id", s.docId());
                  tags.put("source", source == null ? "" : source.uri());
                  tags.put("data_version", source == null ? "" : source.versionHash());
                  tags.put("origin", "reduce");
                  List<Row> entries = new ArrayList<>();
                  for (DocumentSummary.ReduceAnswer answer : s.reduceAnswers()) {
                    if (answer.cached()) {
                      continue;
                    }
                    String hash = ReduceCache.inputHash(answer.input());
                    entries.add(
                        RowFactory.create(
                            Hashes.sha256Prefix(24, scope.key(), hash, job.jobId()),
                            scope.key(),
                            scope.tenant(),
                            scope.model(),
                            scope.promptVersion(),
                            scope.parameters(),
                            hash,
                            null,
                            null,
                            answer.answer(),
                            GuardFeatures.of(answer.answer()).encode(),
                            scala.jdk.javaapi.CollectionConverters.asScala(tags),
                            s.docId(),
                            job.jobId(),
                            Timestamp.from(at),
                            new Timestamp(at.toEpochMilli() + ttl),
                            null));
                  }
                  return entries.iterator();
                });
    // One entry per scope and input: documents with the same name and chunk summaries share a
    // reduce answer (the call ledger paid for it once); keep the smallest document's.
    rows =
        rows.union(
            reduced
                .mapToPair(row -> new Tuple2<>(row.getString(0), row))
                .reduceByKey((a, b) -> a.getString(12).compareTo(b.getString(12)) <= 0 ? a : b)
                .values());
    Dataset<Row> entries = spark.createDataFrame(rows, CacheEntriesTable.SCHEMA);
    String path = tables.path(CacheEntriesTable.NAME);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      entries.write().format("delta").mode(SaveMode.Append).save(path);
      return;
    }
    DeltaTable.forPath(spark, path)
        .as("t")
        .merge(
            entries.as("s"),
            "t.scope = s.scope AND t.text_hash = s.text_hash AND t.invalidated_at IS NULL"
                + " AND t.expires_at > s.created_at")
        .whenNotMatched()
        .insertAll()
        .execute();
  }

  private static Row row(
      ChunkResolution.Resolved r,
      Source source,
      JobContext job,
      String embedder,
      Instant at,
      long expires) {
    ChunkOutcome outcome = r.outcome();
    CacheScope scope = r.scope();
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("user", r.context().userId());
    tags.put("feature", r.context().feature());
    tags.put("doc_id", outcome.chunk().docId());
    tags.put("source", source == null ? "" : source.uri());
    tags.put("data_version", source == null ? "" : source.versionHash());
    tags.put("origin", origin(outcome.resolution()));
    Float[] vector = null;
    if (r.vector() != null) {
      vector = new Float[r.vector().length];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = r.vector()[i];
      }
    }
    return RowFactory.create(
        Hashes.sha256Prefix(24, scope.key(), outcome.chunk().textHash(), job.jobId()),
        scope.key(),
        scope.tenant(),
        scope.model(),
        scope.promptVersion(),
        scope.parameters(),
        outcome.chunk().textHash(),
        vector == null ? null : embedder,
        vector,
        outcome.summary(),
        GuardFeatures.of(outcome.chunk().text()).encode(),
        scala.jdk.javaapi.CollectionConverters.asScala(tags),
        outcome.chunk().chunkId(),
        job.jobId(),
        Timestamp.from(at),
        new Timestamp(expires),
        null);
  }

  /** The context a document's reduce call was recorded under (its attribution), else the job's. */
  private static JobContext resolvedContext(DocumentSummary summary, JobContext job) {
    if (summary.calls().isEmpty()) {
      return job;
    }
    return summary.calls().get(0).job();
  }

  private static String origin(Resolution resolution) {
    return resolution.name().toLowerCase(java.util.Locale.ROOT);
  }
}
