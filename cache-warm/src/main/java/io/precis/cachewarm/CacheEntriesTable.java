package io.precis.cachewarm;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code cache_entries}, the source of truth of the semantic cache: one row per chunk summary that
 * may be served again, in the scope it was written in. Entries are never updated but to invalidate
 * them ({@code invalidated_at}); an index snapshot is rebuilt from the live ones by cache-warm.
 */
public final class CacheEntriesTable {
  public static final String NAME = "cache_entries";

  public static final StructType SCHEMA =
      DataTypes.createStructType(
          List.of(
              field("entry_id", DataTypes.StringType, false),
              field("scope", DataTypes.StringType, false),
              field("tenant", DataTypes.StringType, false),
              field("model", DataTypes.StringType, false),
              field("prompt_version", DataTypes.StringType, false),
              field("parameters", DataTypes.StringType, false),
              field("text_hash", DataTypes.StringType, false),
              field("embedder", DataTypes.StringType, true),
              field("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), true),
              field("summary", DataTypes.StringType, false),
              field("guard_features", DataTypes.StringType, false),
              field(
                  "tags",
                  DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, false),
                  false),
              field("source_chunk_id", DataTypes.StringType, false),
              field("job_id", DataTypes.StringType, false),
              field("created_at", DataTypes.TimestampType, false),
              field("expires_at", DataTypes.TimestampType, false),
              field("invalidated_at", DataTypes.TimestampType, true)));

  private CacheEntriesTable() {}

  /** The condition of an entry that may be served at {@code now}: not invalidated, not expired. */
  public static Column live(Instant now) {
    return functions
        .col("invalidated_at")
        .isNull()
        .and(functions.col("expires_at").gt(functions.lit(Timestamp.from(now))));
  }

  /** The live entries of the table at {@code path}. */
  public static Dataset<Row> live(SparkSession spark, String path, Instant now) {
    return spark.read().format("delta").load(path).where(live(now));
  }

  private static StructField field(
      String name, org.apache.spark.sql.types.DataType type, boolean n) {
    return DataTypes.createStructField(name, type, n);
  }
}
