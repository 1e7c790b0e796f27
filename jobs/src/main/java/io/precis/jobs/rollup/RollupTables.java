package io.precis.jobs.rollup;

import io.precis.core.cost.Money;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The tables {@code precis rollup} writes: names and columns are a contract for BI tools, described
 * in docs/tables.md. daily_costs and weekly_costs are derived from llm_calls and replaced whole by
 * every run; alerts is a log that runs append to.
 */
public final class RollupTables {
  public static final String DAILY_COSTS = "daily_costs";
  public static final String WEEKLY_COSTS = "weekly_costs";
  public static final String ALERTS = "alerts";

  /** decimal(24,12), as every money column of precis (see TableSchemas). */
  static final DataType MONEY = DataTypes.createDecimalType(Money.PRECISION, Money.SCALE);

  /** What daily and weekly rows are grouped by, after the day or week. */
  static final String[] KEYS = {"feature", "tenant", "provider", "model", "tier"};

  /** What daily and weekly rows add up, in this order. */
  static final String[] MEASURES = {
    "calls", "failed_calls", "input_tokens", "output_tokens", "cached_input_tokens", "cost_usd"
  };

  public static final StructType DAILY_COSTS_SCHEMA = costs("day");

  public static final StructType WEEKLY_COSTS_SCHEMA = costs("week_start");

  public static final StructType ALERTS_SCHEMA =
      DataTypes.createStructType(
          new StructField[] {
            field("alert_id", DataTypes.StringType, false),
            field("feature", DataTypes.StringType, false),
            field("state", DataTypes.StringType, false),
            field("day", DataTypes.DateType, false),
            field("spend_usd", MONEY, false),
            field("baseline_usd", MONEY, false),
            field("factor", DataTypes.DoubleType, true),
            field("reason", DataTypes.StringType, false),
            field("evaluated_at", DataTypes.TimestampType, false)
          });

  private RollupTables() {}

  private static StructType costs(String period) {
    return DataTypes.createStructType(
        new StructField[] {
          field(period, DataTypes.DateType, false),
          field("feature", DataTypes.StringType, false),
          field("tenant", DataTypes.StringType, false),
          field("provider", DataTypes.StringType, false),
          field("model", DataTypes.StringType, false),
          field("tier", DataTypes.StringType, false),
          field("calls", DataTypes.LongType, false),
          field("failed_calls", DataTypes.LongType, false),
          field("input_tokens", DataTypes.LongType, false),
          field("output_tokens", DataTypes.LongType, false),
          field("cached_input_tokens", DataTypes.LongType, false),
          field("cost_usd", MONEY, false)
        });
  }

  private static StructField field(String name, DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }
}
