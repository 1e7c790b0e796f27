package io.precis.jobs.tables;

import io.precis.core.cost.Money;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The schemas of the Delta tables precis writes. Table and column names are a user-facing contract:
 * BI tools and the queries in the README read them. docs/tables.md describes every column.
 */
public final class TableSchemas {
  public static final String DOCUMENTS = "documents";
  public static final String CHUNKS = "chunks";
  public static final String DOC_SUMMARIES = "doc_summaries";
  public static final String LLM_CALLS = "llm_calls";
  public static final String JOB_COSTS = "job_costs";

  static final DataType MONEY = DataTypes.createDecimalType(Money.PRECISION, Money.SCALE);

  public static final StructType DOCUMENTS_SCHEMA =
      schema(
          field("doc_id", DataTypes.StringType, false),
          field("uri", DataTypes.StringType, false),
          field("version", DataTypes.StringType, false),
          field("bytes", DataTypes.LongType, false),
          field("mime_type", DataTypes.StringType, true),
          field("status", DataTypes.StringType, false),
          field("error_code", DataTypes.StringType, true),
          field("error_message", DataTypes.StringType, true),
          field("chars", DataTypes.LongType, true),
          field("tokens", DataTypes.IntegerType, true),
          field("removed_tokens", DataTypes.IntegerType, true),
          field("removed_lines", DataTypes.IntegerType, true),
          field("chunks", DataTypes.IntegerType, false),
          field("title", DataTypes.StringType, true),
          field("author", DataTypes.StringType, true),
          field("language", DataTypes.StringType, true),
          field("pages", DataTypes.IntegerType, true),
          field("truncated", DataTypes.BooleanType, false),
          field("job_id", DataTypes.StringType, false),
          field("processed_at", DataTypes.TimestampType, false));

  public static final StructType CHUNKS_SCHEMA =
      schema(
          field("chunk_id", DataTypes.StringType, false),
          field("doc_id", DataTypes.StringType, false),
          field("ordinal", DataTypes.IntegerType, false),
          field("tokens", DataTypes.IntegerType, false),
          field("text_hash", DataTypes.StringType, false),
          field("minhash", DataTypes.createArrayType(DataTypes.IntegerType, false), true),
          field("resolution", DataTypes.StringType, false),
          field("duplicate_of", DataTypes.StringType, true),
          field("cache_entry_id", DataTypes.StringType, true),
          field("bucket", DataTypes.StringType, true),
          field("tier", DataTypes.StringType, true),
          field("model", DataTypes.StringType, true),
          field("summary", DataTypes.StringType, true),
          field("quality_score", DataTypes.DoubleType, true),
          field("reason", DataTypes.StringType, false),
          field("job_id", DataTypes.StringType, false));

  public static final StructType DOC_SUMMARIES_SCHEMA =
      schema(
          field("doc_id", DataTypes.StringType, false),
          field("summary", DataTypes.StringType, false),
          field("models", DataTypes.createArrayType(DataTypes.StringType, false), false),
          field("job_id", DataTypes.StringType, false),
          field("updated_at", DataTypes.TimestampType, false));

  public static final StructType LLM_CALLS_SCHEMA =
      schema(
          field("call_id", DataTypes.StringType, false),
          field("request_hash", DataTypes.StringType, false),
          field("job_id", DataTypes.StringType, false),
          field("doc_id", DataTypes.StringType, false),
          field("chunk_id", DataTypes.StringType, true),
          field("stage", DataTypes.StringType, false),
          field("provider", DataTypes.StringType, false),
          field("model", DataTypes.StringType, false),
          field("tier", DataTypes.StringType, false),
          field("prompt_version", DataTypes.StringType, false),
          field("input_tokens", DataTypes.LongType, false),
          field("output_tokens", DataTypes.LongType, false),
          field("cached_input_tokens", DataTypes.LongType, false),
          field("latency_ms", DataTypes.LongType, false),
          field("cost_usd", MONEY, false),
          field("status", DataTypes.StringType, false),
          field("error_code", DataTypes.StringType, true),
          field("error_message", DataTypes.StringType, true),
          field("attempts", DataTypes.IntegerType, false),
          field("feature", DataTypes.StringType, false),
          field("tenant", DataTypes.StringType, false),
          field("user_id", DataTypes.StringType, true),
          field("started_at", DataTypes.TimestampType, false),
          field("check_failed", DataTypes.StringType, true));

  public static final StructType JOB_COSTS_SCHEMA =
      schema(
          field("job_id", DataTypes.StringType, false),
          field("feature", DataTypes.StringType, false),
          field("tenant", DataTypes.StringType, false),
          field("started_at", DataTypes.TimestampType, false),
          field("finished_at", DataTypes.TimestampType, false),
          field("status", DataTypes.StringType, false),
          field("docs", DataTypes.LongType, false),
          field("docs_failed", DataTypes.LongType, false),
          field("docs_skipped", DataTypes.LongType, false),
          field("removed_tokens", DataTypes.LongType, false),
          field("chunks", DataTypes.LongType, false),
          field("cache_hit_chunks", DataTypes.LongType, false),
          field("duplicate_chunks", DataTypes.LongType, false),
          field("cheap_chunks", DataTypes.LongType, false),
          field("premium_chunks", DataTypes.LongType, false),
          field("unresolved_chunks", DataTypes.LongType, false),
          field("failed_chunks", DataTypes.LongType, false),
          field("cheap_calls", DataTypes.LongType, false),
          field("cheap_input_tokens", DataTypes.LongType, false),
          field("cheap_output_tokens", DataTypes.LongType, false),
          field("cheap_cost_usd", MONEY, false),
          field("premium_calls", DataTypes.LongType, false),
          field("premium_input_tokens", DataTypes.LongType, false),
          field("premium_output_tokens", DataTypes.LongType, false),
          field("premium_cost_usd", MONEY, false),
          field("cost_usd", MONEY, false),
          field("baseline_cost_usd", MONEY, false),
          field("savings_usd", MONEY, false),
          field("savings_pct", DataTypes.DoubleType, true),
          field("savings_cache_usd", MONEY, false),
          field("savings_dedupe_usd", MONEY, false),
          field("savings_routing_usd", MONEY, false),
          field("savings_compression_usd", MONEY, false));

  private TableSchemas() {}

  private static StructField field(String name, DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }

  private static StructType schema(StructField... fields) {
    return DataTypes.createStructType(fields);
  }
}
