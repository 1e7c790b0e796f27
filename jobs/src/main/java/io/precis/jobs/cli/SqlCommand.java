package io.precis.jobs.cli;

import io.precis.core.config.SparkSettings;
import io.precis.core.errors.Errors;
import io.precis.jobs.spark.DeltaPaths;
import io.precis.jobs.spark.SparkSessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code precis sql}: a Spark SQL query over the Delta tables, for a machine without a Spark
 * installation. The same queries run in {@code spark-sql} with Delta configured.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a Spark SQL query with Delta enabled and prints the result, e.g.",
      "  precis sql \"SELECT job_id, cost_usd, savings_pct FROM delta.\\`warehouse/job_costs\\`\""
    })
final class SqlCommand implements Callable<Integer> {
  @Parameters(paramLabel = "QUERY", description = "The query; tables are delta.`<folder>`.")
  String query;

  @Option(
      names = "--rows",
      defaultValue = "50",
      description = "Rows to print (default: ${DEFAULT-VALUE}).")
  int rows;

  @Spec CommandSpec spec;

  /** Rows as an aligned text table, with a note when there are more than shown. */
  static String table(String[] columns, List<Row> rows, int limit) {
    List<String[]> cells = new ArrayList<>();
    cells.add(columns);
    for (Row row : rows.subList(0, Math.min(limit, rows.size()))) {
      String[] line = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        Object value = row.get(i);
        line[i] =
            value instanceof java.math.BigDecimal decimal
                ? decimal.stripTrailingZeros().toPlainString()
                : String.valueOf(value);
      }
      cells.add(line);
    }
    int[] widths = new int[columns.length];
    for (String[] line : cells) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < cells.size(); r++) {
      String[] line = cells.get(r);
      for (int i = 0; i < line.length; i++) {
        out.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", line[i]));
      }
      out.append('\n');
      if (r == 0) {
        for (int i = 0; i < widths.length; i++) {
          out.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        out.append('\n');
      }
    }
    out.append(rows.size() > limit ? "(first " + limit + " rows shown)\n" : "");
    return out.toString();
  }

  @Override
  public Integer call() {
    SparkSession spark =
        SparkSessions.create(
            new SparkSettings("local[2]", "precis-sql", 0, Map.of()), Optional.empty());
    try {
      spark.sparkContext().setLogLevel("ERROR");
      Dataset<Row> result;
      List<Row> firstRows;
      try {
        result = spark.sql(DeltaPaths.resolve(query, Path.of("")));
        firstRows = result.limit(rows + 1).collectAsList();
      } catch (Exception e) { // Scala throws AnalysisException unchecked
        if (e instanceof AnalysisException analysis) {
          throw Errors.badQuery(analysis.getSimpleMessage());
        }
        throw e;
      }
      spec.commandLine().getOut().print(table(result.columns(), firstRows, rows));
      spec.commandLine().getOut().flush();
      return 0;
    } finally {
      spark.stop();
    }
  }
}
