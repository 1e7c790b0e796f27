package io.precis.jobs.rollup;

import io.precis.core.config.AlertSettings;
import io.precis.core.config.PrecisSettings;
import io.precis.core.errors.Errors;
import io.precis.jobs.cli.ConfigOptions;
import io.precis.jobs.spark.SparkSessions;
import io.precis.jobs.spark.Warehouses;
import io.precis.jobs.tables.TableSchemas;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code precis rollup}: daily and weekly cost tables, and spend alerts, from llm_calls. */
@Command(
    name = "rollup",
    mixinStandardHelpOptions = true,
    description = {
      "Rolls llm_calls up into daily_costs and weekly_costs by feature, tenant and model, and"
          + " evaluates the spend alert of every feature (alerts.*): changes of state go to the"
          + " alerts table and to alerts.webhook-url.",
      "",
      "Example: precis rollup --warehouse ./warehouse --set"
          + " alerts.webhook-url=https://hooks.example.com/precis"
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:done",
      "2:a usage or configuration error, or no llm_calls table",
      "3:done, but the webhook did not accept some alerts (sent again on the next run)"
    })
public final class RollupCommand implements Callable<Integer> {
  /** The exit code when some alert could not be delivered. */
  public static final int UNDELIVERED = 3;

  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      defaultValue = "warehouse",
      description =
          "Folder of the Delta tables, or a URI Spark can read and write (s3a://, hdfs://...)"
              + " (default: ${DEFAULT-VALUE}).")
  String warehouse;

  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrecisSettings settings = PrecisSettings.from(options.load(List.of()));
    String warehouseUri = warehouseUri(warehouse);
    PrintWriter out = spec.commandLine().getOut();
    AlertSettings alerts = settings.alerts();
    Optional<AlertNotifier> notifier =
        alerts.webhookUrl().isEmpty()
            ? Optional.empty()
            : Optional.of(new WebhookNotifier(alerts.webhookUrl()));
    out.println("precis: rollup starting Spark...");
    out.flush();
    SparkSession spark = SparkSessions.create(settings.spark(), Optional.empty());
    spark.sparkContext().setLogLevel(options.verbose() ? "INFO" : "WARN");
    try {
      RollupResult result =
          new CostRollupJob(
                  spark,
                  alerts,
                  notifier,
                  Clock.systemUTC(),
                  message -> {
                    out.println("precis: " + message);
                    out.flush();
                  })
              .run(warehouseUri);
      out.print(RollupReport.render(result));
      out.flush();
      return result.failedDeliveries() > 0 ? UNDELIVERED : 0;
    } finally {
      spark.stop();
    }
  }

  /**
   * The warehouse as a URI for Spark. A local folder must already hold llm_calls, which is checked
   * here, before Spark starts; a URI with another scheme is checked by the job.
   */
  static String warehouseUri(String warehouse) {
    Optional<Path> local = Warehouses.localFolder(warehouse);
    if (local.isPresent()
        && !Files.isDirectory(local.get().resolve(TableSchemas.LLM_CALLS).resolve("_delta_log"))) {
      throw Errors.noCallsToRollUp(local.get().toString());
    }
    return Warehouses.uri(warehouse);
  }
}
