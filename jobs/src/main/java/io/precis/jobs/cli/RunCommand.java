package io.precis.jobs.cli;

import io.precis.core.config.PrecisSettings;
import io.precis.core.errors.Errors;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code precis run}: summarize-corpus over your documents. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Summarizes the documents under --input and writes the results and their cost to Delta"
          + " tables under --warehouse.",
      "",
      "Example: precis run --input ~/docs --warehouse ./warehouse --conf conf/local.conf"
    })
final class RunCommand implements Callable<Integer> {
  @Mixin InputOptions input;

  @Option(
      names = "--budget",
      paramLabel = "USD",
      description =
          "Most this run may spend. The run refuses to start when its estimate is over the"
              + " budget, and stops calling models once the budget is spent: chunks left are"
              + " UNRESOLVED with BUDGET_REACHED and the next run picks them up.")
  java.math.BigDecimal budget;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master, e.g. local[4] (default: spark.master).")
  String master;

  @Mixin JobOptions job;
  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (budget != null && budget.signum() <= 0) {
      throw Errors.badBudget(budget);
    }
    PrecisSettings settings = PrecisSettings.from(options.load(input.attribution()));
    var result =
        JobRunner.run(
            settings,
            new JobRunner.Request(
                input.inputs,
                job.warehouse,
                job.jobId(),
                Optional.ofNullable(master),
                input.reprocess,
                options.verbose,
                Optional.ofNullable(budget)),
            spec.commandLine().getOut());
    return result.status().equals("SUCCEEDED") ? 0 : 3;
  }
}
