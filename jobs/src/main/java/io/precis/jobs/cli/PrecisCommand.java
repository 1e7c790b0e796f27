package io.precis.jobs.cli;

import picocli.CommandLine.Command;

/** The top-level {@code precis} command. */
@Command(
    name = "precis",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Summarizes document corpora with LLMs at a fraction of the usual cost, and proves the"
          + " saving in Delta tables.",
      "",
      "Start with `precis demo`: it runs on sample documents with simulated models."
    },
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      EstimateCommand.class,
      CacheWarmCommand.class,
      io.precis.jobs.rollup.RollupCommand.class,
      io.precis.jobs.report.ReportCommand.class,
      SimulateCommand.class,
      ConfigCommand.class,
      SqlCommand.class,
      CacheCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
public final class PrecisCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
