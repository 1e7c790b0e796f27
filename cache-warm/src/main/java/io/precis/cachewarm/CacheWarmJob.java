package io.precis.cachewarm;

import io.delta.tables.DeltaTable;
import io.precis.core.config.PrecisSettings;
import io.precis.core.errors.Errors;
import io.precis.routing.embed.Embedders;
import io.precis.routing.index.IndexedEntry;
import io.precis.routing.index.SnapshotWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * cache-warm: builds a Lucene HNSW index snapshot from the live rows of {@code cache_entries}
 * (newest entry per scope and text) and publishes it as the next version under the snapshot root,
 * where the next summarize-corpus run (and the online service) loads it. Entries embedded by
 * another embedder than the configured one are indexed for exact-text lookups only.
 */
public final class CacheWarmJob {
  /** Versions kept under the snapshot root; older ones are deleted after a publish. */
  static final int KEEP_VERSIONS = 3;

  private final SparkSession spark;
  private final PrecisSettings settings;
  private final Consumer<String> progress;

  public CacheWarmJob(SparkSession spark, PrecisSettings settings, Consumer<String> progress) {
    this.spark = spark;
    this.settings = settings;
    this.progress = progress;
  }

  /** What a warm published. */
  public record Result(
      String version, String location, long entries, long vectors, long bytes, Duration took) {}

  /** The root snapshots of this warehouse are published under. */
  public static String snapshotRoot(PrecisSettings settings, String warehouse) {
    String configured = settings.cache().indexPath();
    return configured.isEmpty() ? IndexSnapshots.defaultRoot(warehouse) : configured;
  }

  public Result run(String warehouse) {
    Instant started = Instant.now();
    String table = (warehouse.endsWith("/") ? warehouse : warehouse + "/") + CacheEntriesTable.NAME;
    if (!DeltaTable.isDeltaTable(spark, table)) {
      throw Errors.noCacheEntries(warehouse);
    }
    String embedder = Embedders.id(settings.embedder());
    Dataset<Row> newest =
        CacheEntriesTable.live(spark, table, started)
            .withColumn(
                "rank",
                functions
                    .row_number()
                    .over(
                        Window.partitionBy("scope", "text_hash")
                            .orderBy(
                                functions.col("created_at").desc(), functions.col("entry_id"))))
            .where("rank = 1")
            .withColumn(
                "vector",
                functions.when(
                    functions.col("embedder").equalTo(embedder), functions.col("embedding")))
            .select(
                "entry_id",
                "scope",
                "text_hash",
                "vector",
                "summary",
                "guard_features",
                "expires_at")
            .orderBy("scope", "text_hash")
            .cache();
    long entries = newest.count();
    List<Row> sample = newest.where("vector IS NOT NULL").select("vector").limit(1).collectAsList();
    long vectors = sample.isEmpty() ? 0 : newest.where("vector IS NOT NULL").count();
    // An index without vectors still answers exact lookups; its dimension is then nominal.
    int dimensions = sample.isEmpty() ? 1 : sample.get(0).getList(0).size();
    progress.accept(
        "Indexing "
            + entries
            + " live cache entries ("
            + vectors
            + " with "
            + embedder
            + " vectors)...");
    java.nio.file.Path built = null;
    try {
      built = Files.createTempDirectory("precis-index-");
      Iterator<Row> rows = newest.toLocalIterator();
      Iterator<IndexedEntry> indexed =
          new Iterator<>() {
            @Override
            public boolean hasNext() {
              return rows.hasNext();
            }

            @Override
            public IndexedEntry next() {
              return entry(rows.next());
            }
          };
      SnapshotWriter.write(built, indexed, embedder, dimensions);
      long bytes = size(built);
      IndexSnapshots snapshots =
          new IndexSnapshots(
              snapshotRoot(settings, warehouse), spark.sparkContext().hadoopConfiguration());
      String version = snapshots.publish(built, KEEP_VERSIONS);
      newest.unpersist();
      return new Result(
          version,
          snapshots.location(version),
          entries,
          vectors,
          bytes,
          Duration.between(started, Instant.now()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the index snapshot", e);
    } finally {
      delete(built);
    }
  }

  private static IndexedEntry entry(Row row) {
    float[] vector = null;
    if (!row.isNullAt(3)) {
      List<Float> values = row.getList(3);
      vector = new float[values.size()];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = values.get(i);
      }
    }
    return new IndexedEntry(
        row.getString(0),
        row.getString(1),
        row.getString(2),
        vector,
        row.getString(4),
        row.getString(5),
        row.getTimestamp(6).getTime());
  }

  private static long size(java.nio.file.Path folder) throws IOException {
    try (var files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static void delete(java.nio.file.Path folder) {
    if (folder == null) {
      return;
    }
    try (var files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind; nothing to undo
    }
  }
}
