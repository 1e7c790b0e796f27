package io.precis.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What a job reads and whom its spend is attributed to: the options of run and estimate. */
final class InputOptions {
  @Option(
      names = "--input",
      paramLabel = "PATH",
      arity = "1..*",
      required = true,
      description =
          "Files, folders (read recursively) or s3://bucket/prefix locations to summarize.")
  List<String> inputs = new ArrayList<>();

  @Option(
      names = "--reprocess",
      description =
          "Process every document, also those an earlier run into this warehouse finished.")
  boolean reprocess;

  @Option(
      names = "--feature",
      paramLabel = "NAME",
      description = "Feature the spend is attributed to (job.feature).")
  String feature;

  @Option(
      names = "--tenant",
      paramLabel = "NAME",
      description = "Tenant the spend is attributed to (job.tenant).")
  String tenant;

  /** --feature and --tenant as configuration keys, which win over --conf and --set. */
  List<String> attribution() {
    List<String> sets = new ArrayList<>();
    if (feature != null) {
      sets.add("job.feature=" + feature);
    }
    if (tenant != null) {
      sets.add("job.tenant=" + tenant);
    }
    return sets;
  }
}
