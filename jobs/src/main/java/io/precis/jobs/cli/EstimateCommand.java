package io.precis.jobs.cli;

import io.precis.core.config.PrecisSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
  @Option(
      names = "--input",
      paramLabel = "PATH",
      arity = "1..*",
      required = true,
      description = "Files, folders or s3://bucket/prefix locations, as for `precis run`.")
  List<String> inputs = new ArrayList<>();

  @Option(
      names = "--reprocess",
      description = "Price every document, also those an earlier run finished.")
  boolean reprocess;

  @Option(names = "--feature", paramLabel = "NAME", description = "Feature (job.feature).")
  String feature;

  @Option(names = "--tenant", paramLabel = "NAME", description = "Tenant (job.tenant).")
  String tenant;

  @Mixin JobOptions job;
  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    List<String> sets = new ArrayList<>();
    if (feature != null) {
      sets.add("job.feature=" + feature);
    }
    if (tenant != null) {
      sets.add("job.tenant=" + tenant);
    }
    PrecisSettings settings = PrecisSettings.from(options.load(sets));
    JobRunner.run(
        settings,
        new JobRunner.Request(
            inputs, job.warehouse, job.jobId(), Optional.empty(), reprocess, options.verbose),
        spec.commandLine().getOut(),
        true);
    return 0;
  }
}
