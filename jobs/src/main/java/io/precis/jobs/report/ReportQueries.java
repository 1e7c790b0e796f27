package io.precis.jobs.report;

import io.precis.core.cost.Money;
import io.precis.core.errors.Errors;
import io.precis.jobs.report.ReportData.DailySpend;
import io.precis.jobs.report.ReportData.DocumentCost;
import io.precis.jobs.report.ReportData.Period;
import io.precis.jobs.report.ReportData.Savings;
import io.precis.jobs.report.ReportData.TierUsage;
import io.precis.jobs.tables.TableSchemas;
import io.precis.jobs.tables.TableWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a {@link ReportData} from the Delta tables of a warehouse with Spark SQL. Days are UTC
 * days, taken from the epoch seconds of {@code started_at}, so the session time zone plays no part.
 * Sums of money stay decimals.
 */
public final class ReportQueries {
  /** The tables the report reads. */
  public static final List<String> TABLES =
      List.of(TableSchemas.LLM_CALLS, TableSchemas.JOB_COSTS, TableSchemas.DOCUMENTS);

  /** How many documents the report lists. */
  public static final int COSTLIEST_DOCUMENTS = 10;

  private static final String CALLS =
      "(SELECT *, unix_seconds(started_at) DIV 86400 AS day FROM precis_report_llm_calls)";

  private ReportQueries() {}

  /**
   * The report of the period.
   *
   * @param warehouse the warehouse folder as a URI, e.g. file:/data/warehouse or s3a://bucket/w
   * @throws io.precis.core.errors.PrecisException when a table of {@link #TABLES} is missing
   */
  public static ReportData read(SparkSession spark, String warehouse, Period period) {
    List<String> missing = missingTables(warehouse, spark.sparkContext().hadoopConfiguration());
    if (!missing.isEmpty()) {
      throw Errors.reportTablesMissing(warehouse, missing);
    }
    for (String table : TABLES) {
      spark
          .read()
          .format("delta")
          .load(TableWriter.tablePath(warehouse, table))
          .createOrReplaceTempView("precis_report_" + table);
    }
    Map<String, Object> days =
        Map.of("first", period.first().toEpochDay(), "last", period.last().toEpochDay());
    return new ReportData(
        period,
        dailySpend(spark, days),
        savings(spark, days),
        tiers(spark, days),
        costliestDocuments(spark, days));
  }

  /**
   * The tables of {@link #TABLES} that the warehouse does not hold (no {@code _delta_log}), in the
   * order of that list.
   */
  public static List<String> missingTables(String warehouse, Configuration hadoop) {
    List<String> missing = new ArrayList<>();
    try {
      for (String table : TABLES) {
        Path log = new Path(TableWriter.tablePath(warehouse, table), "_delta_log");
        FileSystem fileSystem = log.getFileSystem(hadoop);
        if (!fileSystem.exists(log)) {
          missing.add(table);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look for the tables under " + warehouse, e);
    }
    return missing;
  }

  private static List<DailySpend> dailySpend(SparkSession spark, Map<String, Object> days) {
    List<DailySpend> spend = new ArrayList<>();
    for (Row row :
        spark
            .sql(
                "SELECT day, feature, COUNT(*) AS calls, SUM(cost_usd) AS cost_usd FROM "
                    + CALLS
                    + " WHERE day BETWEEN :first AND :last"
                    + " GROUP BY day, feature ORDER BY day, feature",
                days)
            .collectAsList()) {
      spend.add(
          new DailySpend(
              LocalDate.ofEpochDay(row.getLong(0)),
              row.getString(1),
              row.getLong(2),
              money(row, 3)));
    }
    return spend;
  }

  private static Savings savings(SparkSession spark, Map<String, Object> days) {
    Row row =
        spark
            .sql(
                "SELECT COUNT(*), SUM(cost_usd), SUM(baseline_cost_usd), SUM(savings_routing_usd),"
                    + " SUM(savings_compression_usd), SUM(savings_cache_usd),"
                    + " SUM(savings_dedupe_usd) FROM precis_report_job_costs"
                    + " WHERE unix_seconds(started_at) DIV 86400 BETWEEN :first AND :last",
                days)
            .first();
    return new Savings(
        row.getLong(0),
        money(row, 1),
        money(row, 2),
        money(row, 3),
        money(row, 4),
        money(row, 5),
        money(row, 6));
  }

  private static List<TierUsage> tiers(SparkSession spark, Map<String, Object> days) {
    List<TierUsage> tiers = new ArrayList<>();
    for (Row row :
        spark
            .sql(
                "SELECT tier, provider, model, COUNT_IF(status = 'OK'), COUNT_IF(status <> 'OK'),"
                    + " SUM(input_tokens), SUM(output_tokens), SUM(cost_usd) AS cost_usd FROM "
                    + CALLS
                    + " WHERE day BETWEEN :first AND :last GROUP BY tier, provider, model"
                    + " ORDER BY cost_usd DESC, tier, provider, model",
                days)
            .collectAsList()) {
      tiers.add(
          new TierUsage(
              row.getString(0),
              row.getString(1),
              row.getString(2),
              row.getLong(3),
              row.getLong(4),
              row.getLong(5),
              row.getLong(6),
              money(row, 7)));
    }
    return tiers;
  }

  private static List<DocumentCost> costliestDocuments(
      SparkSession spark, Map<String, Object> days) {
    List<DocumentCost> documents = new ArrayList<>();
    for (Row row :
        spark
            .sql(
                "SELECT c.doc_id, d.uri, d.status, COUNT(*), SUM(c.input_tokens + c.output_tokens),"
                    + " SUM(c.cost_usd) AS cost_usd FROM "
                    + CALLS
                    + " c LEFT JOIN precis_report_documents d ON d.doc_id = c.doc_id"
                    + " WHERE c.day BETWEEN :first AND :last GROUP BY c.doc_id, d.uri, d.status"
                    + " HAVING SUM(c.cost_usd) > 0 ORDER BY cost_usd DESC, c.doc_id LIMIT "
                    + COSTLIEST_DOCUMENTS,
                days)
            .collectAsList()) {
      documents.add(
          new DocumentCost(
              row.getString(0),
              Optional.ofNullable(row.getString(1)),
              Optional.ofNullable(row.getString(2)),
              row.getLong(3),
              row.getLong(4),
              money(row, 5)));
    }
    return documents;
  }

  /** A money column, 0 for the null that SUM gives over no rows, at the money scale. */
  private static BigDecimal money(Row row, int column) {
    return row.isNullAt(column) ? Money.ZERO : Money.of(row.getDecimal(column));
  }
}
