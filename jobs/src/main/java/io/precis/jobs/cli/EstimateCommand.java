package io.precis.jobs.cli;

import io.precis.core.config.PrecisSettings;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code precis estimate}: what a run would cost, without calling a model. */
@Command(
    name = "estimate",
    mixinStandardHelpOptions = true,
    description = {
      "Prices what `precis run` would do with the same options: it parses, cleans, chunks and"
          + " routes the documents, calls no model, writes no table, and prints the expected"
          + " tokens and cost per tier against the all-premium baseline."
    })
final class EstimateCommand implements Callable<Integer> {
  @Mixin InputOptions input;

  @Mixin JobOptions job;
  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrecisSettings settings = PrecisSettings.from(options.load(input.attribution()));
    JobRunner.run(
        settings,
        new JobRunner.Request(
            input.inputs,
            job.warehouse,
            job.jobId(),
            Optional.empty(),
            input.reprocess,
            options.verbose),
        spec.commandLine().getOut(),
        true);
    return 0;
  }
}
