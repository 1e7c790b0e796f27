package io.precis.jobs.rollup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import io.precis.core.config.AlertSettings;
import io.precis.core.cost.Money;
import io.precis.core.errors.Errors;
import io.precis.jobs.rollup.AlertTransition.AlertKey;
import io.precis.jobs.tables.TableSchemas;
import io.precis.jobs.tables.TableWriter;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * cost-rollup: recomputes daily_costs and weekly_costs from the whole of llm_calls, then evaluates
 * every feature's spend alert over its daily totals ({@link AlertEvaluator}, on the driver: days x
 * features is small) and records the changes of state the alerts table does not hold yet, after
 * sending them to the webhook. The Spark part only groups and sums; the decisions are plain Java.
 */
public final class CostRollupJob {
  /** A call's UTC day, whatever spark.sql.session.timeZone says. */
  private static final Column UTC_DAY =
      expr("date_from_unix_date(CAST(floor(unix_seconds(started_at) / 86400) AS INT))");

  private final SparkSession spark;
  private final AlertSettings settings;
  private final Optional<AlertNotifier> notifier;
  private final Clock clock;
  private final Consumer<String> progress;

  /**
   * @param notifier where changes of state go; empty records them without sending
   * @param clock decides the last complete UTC day, the last one alerts are evaluated on
   * @param progress receives progress lines and warnings
   */
  public CostRollupJob(
      SparkSession spark,
      AlertSettings settings,
      Optional<AlertNotifier> notifier,
      Clock clock,
      Consumer<String> progress) {
    this.spark = Objects.requireNonNull(spark, "spark is null");
    this.settings = Objects.requireNonNull(settings, "settings is null");
    this.notifier = Objects.requireNonNull(notifier, "notifier is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.progress = Objects.requireNonNull(progress, "progress is null");
  }

  /**
   * @param warehouse a URI Spark can read and write, holding llm_calls
   * @throws io.precis.core.errors.PrecisException when the warehouse has no llm_calls table
   */
  public RollupResult run(String warehouse) {
    String calls = TableWriter.tablePath(warehouse, TableSchemas.LLM_CALLS);
    if (!DeltaTable.isDeltaTable(spark, calls)) {
      throw Errors.noCallsToRollUp(warehouse);
    }
    progress.accept("rolling up " + calls);
    Dataset<Row> daily =
        spark
            .read()
            .format("delta")
            .load(calls)
            .withColumn("day", UTC_DAY)
            .groupBy(groupColumns("day"))
            .agg(
                count(lit(1)).as("calls"),
                sum(when(col("status").equalTo("FAILED"), 1L).otherwise(0L)).as("failed_calls"),
                sum("input_tokens").as("input_tokens"),
                sum("output_tokens").as("output_tokens"),
                sum("cached_input_tokens").as("cached_input_tokens"),
                sum("cost_usd").as("cost_usd"));
    overwrite(daily, RollupTables.DAILY_COSTS_SCHEMA, warehouse, RollupTables.DAILY_COSTS);
    Dataset<Row> written = read(warehouse, RollupTables.DAILY_COSTS);
    Dataset<Row> weekly =
        written
            .withColumn("week_start", expr("date_sub(day, weekday(day))"))
            .groupBy(groupColumns("week_start"))
            .agg(sumOf(RollupTables.MEASURES[0]), sumsOfTheRest());
    overwrite(weekly, RollupTables.WEEKLY_COSTS_SCHEMA, warehouse, RollupTables.WEEKLY_COSTS);

    Row counts =
        written
            .agg(count(lit(1)), countDistinct(col("day")), countDistinct(col("feature")))
            .first();
    long weeklyRows = read(warehouse, RollupTables.WEEKLY_COSTS).count();

    LocalDate through = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
    List<AlertEvaluation> evaluations = evaluate(written, through);
    AlertDispatcher.Dispatch dispatch =
        new AlertDispatcher(notifier, progress).dispatch(evaluations, recorded(warehouse));
    append(dispatch.toRecord(), warehouse);
    return new RollupResult(
        counts.getLong(1),
        counts.getLong(2),
        counts.getLong(0),
        weeklyRows,
        through,
        (int) dispatch.toRecord().stream().filter(t -> t.state() == AlertState.FIRING).count(),
        (int) dispatch.toRecord().stream().filter(t -> t.state() == AlertState.OK).count(),
        notifier.map(AlertNotifier::destination),
        dispatch.delivered(),
        dispatch.failed(),
        dispatch.held(),
        evaluations.stream()
            .filter(e -> e.finalState() == AlertState.FIRING)
            .map(AlertEvaluation::feature)
            .sorted()
            .toList());
  }

  /**
   * Each feature's spend per day, summed over tenants and models, from its first day through the
   * last complete one. Today is partial, so it is left out: a half day would read as a drop.
   */
  private List<AlertEvaluation> evaluate(Dataset<Row> daily, LocalDate through) {
    Map<String, TreeMap<LocalDate, BigDecimal>> series = new TreeMap<>();
    for (Row row :
        daily.groupBy("feature", "day").agg(sum("cost_usd").as("spend")).collectAsList()) {
      LocalDate day = localDate(row.get(1));
      if (!day.isAfter(through)) {
        series.computeIfAbsent(row.getString(0), f -> new TreeMap<>()).put(day, row.getDecimal(2));
      }
    }
    AlertEvaluator evaluator = new AlertEvaluator(settings);
    List<AlertEvaluation> evaluations = new ArrayList<>();
    series.forEach(
        (feature, spend) -> {
          spend.putIfAbsent(through, BigDecimal.ZERO); // a feature that stopped spending
          evaluations.add(evaluator.evaluate(feature, spend));
        });
    return evaluations;
  }

  private Set<AlertKey> recorded(String warehouse) {
    Set<AlertKey> keys = new HashSet<>();
    if (!DeltaTable.isDeltaTable(spark, TableWriter.tablePath(warehouse, RollupTables.ALERTS))) {
      return keys;
    }
    for (Row row :
        read(warehouse, RollupTables.ALERTS).select("feature", "day", "state").collectAsList()) {
      keys.add(
          new AlertKey(
              row.getString(0), localDate(row.get(1)), AlertState.valueOf(row.getString(2))));
    }
    return keys;
  }

  private void append(List<AlertTransition> transitions, String warehouse) {
    if (transitions.isEmpty()) {
      return;
    }
    Timestamp now = Timestamp.from(clock.instant());
    List<Row> rows =
        transitions.stream()
            .map(
                t ->
                    RowFactory.create(
                        t.alertId(),
                        t.feature(),
                        t.state().name(),
                        java.sql.Date.valueOf(t.day()),
                        Money.of(t.spend()),
                        Money.of(t.baseline()),
                        t.factor(),
                        t.reason(),
                        now))
            .toList();
    spark
        .createDataFrame(rows, RollupTables.ALERTS_SCHEMA)
        .write()
        .format("delta")
        .mode(SaveMode.Append)
        .save(TableWriter.tablePath(warehouse, RollupTables.ALERTS));
  }

  /**
   * Replaces a derived table whole, its columns cast to the schema. The schema may be replaced too:
   * the table holds nothing that the next run would not compute again.
   */
  private void overwrite(Dataset<Row> rows, StructType schema, String warehouse, String table) {
    Column[] columns =
        Arrays.stream(schema.fields())
            .map(f -> col(f.name()).cast(f.dataType()).as(f.name()))
            .toArray(Column[]::new);
    rows.select(columns)
        .write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .option("overwriteSchema", "true")
        .save(TableWriter.tablePath(warehouse, table));
  }

  private Dataset<Row> read(String warehouse, String table) {
    return spark.read().format("delta").load(TableWriter.tablePath(warehouse, table));
  }

  private static Column[] groupColumns(String period) {
    return Stream.concat(Stream.of(period), Arrays.stream(RollupTables.KEYS))
        .map(name -> col(name))
        .toArray(Column[]::new);
  }

  private static Column sumOf(String measure) {
    return sum(measure).as(measure);
  }

  private static Column[] sumsOfTheRest() {
    return Arrays.stream(RollupTables.MEASURES)
        .skip(1)
        .map(CostRollupJob::sumOf)
        .toArray(Column[]::new);
  }

  /** A date column as Spark hands it to Java: java.sql.Date, or LocalDate with the Java 8 API. */
  private static LocalDate localDate(Object value) {
    return value instanceof LocalDate date ? date : ((java.sql.Date) value).toLocalDate();
  }
}
