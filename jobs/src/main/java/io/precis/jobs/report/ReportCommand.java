package io.precis.jobs.report;

import io.precis.core.config.SparkSettings;
import io.precis.core.errors.Errors;
import io.precis.jobs.report.ReportData.Period;
import io.precis.jobs.spark.SparkSessions;
import io.precis.jobs.spark.Warehouses;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code precis report}: reads the tables of a warehouse, writes a self-contained HTML report of
 * the last days' spend and savings, and prints its figures.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes an HTML page of the spend per feature over time, the savings by technique, the tier"
          + " mix and the costliest documents, from the tables under --warehouse, and prints its"
          + " figures. The page needs no network: open it in any browser.",
      "",
      "Example: precis report --warehouse ./warehouse --output report.html --days 28"
    })
public final class ReportCommand implements Callable<Integer> {
  static final int MAX_DAYS = 366;

  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      defaultValue = "warehouse",
      description =
          "Folder of the Delta tables a job wrote, or a URI Spark can read (s3a://, hdfs://...)"
              + " (default: ${DEFAULT-VALUE}).")
  String warehouse;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      defaultValue = "report.html",
      description = "HTML file to write; replaced if it exists (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(
      names = "--days",
      paramLabel = "N",
      defaultValue = "56",
      description = "UTC days to report, ending today (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--verbose", description = "Show stack traces and Spark's own logging.")
  boolean verbose;

  @Spec CommandSpec spec;

  /** Decides what "today" is; tests set a fixed clock. */
  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    Period period = period();
    String uri = warehouseUri(warehouse);
    if (uri.startsWith("file:")) { // answered in a second, before Spark starts
      List<String> missing = ReportQueries.missingTables(uri, new Configuration());
      if (!missing.isEmpty()) {
        throw Errors.reportTablesMissing(uri, missing);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("precis: reading " + uri + " with Spark...");
    out.flush();
    SparkSession spark =
        SparkSessions.create(
            new SparkSettings("local[2]", "precis-report", 0, Map.of()), Optional.empty());
    try {
      spark.sparkContext().setLogLevel(verbose ? "INFO" : "ERROR");
      return report(spark, uri, period);
    } finally {
      spark.stop();
    }
  }

  /**
   * Reads, writes and prints the report with a session the caller owns and stops.
   *
   * @param warehouseUri the warehouse as {@link #warehouseUri(String)} gives it
   */
  int report(SparkSession spark, String warehouseUri, Period period) {
    ReportData data = ReportQueries.read(spark, warehouseUri, period);
    Path file = output.toAbsolutePath().normalize();
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, HtmlReport.render(data), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Errors.reportNotWritable(file, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(TextSummary.render(data));
    out.println("Report: " + file);
    out.flush();
    return 0;
  }

  /** The period of --days, ending today (UTC). */
  Period period() {
    if (days < 1 || days > MAX_DAYS) {
      throw Errors.invalidOption("--days", days, "between 1 and " + MAX_DAYS);
    }
    return Period.endingOn(LocalDate.now(clock.withZone(ZoneOffset.UTC)), days);
  }

  /** The warehouse as a URI for Spark ({@link Warehouses#uri}): the report creates nothing. */
  static String warehouseUri(String warehouse) {
    return Warehouses.uri(warehouse);
  }
}
