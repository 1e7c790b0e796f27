package io.precis.jobs.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** Where a job writes and what it is called: the options of every command that runs a job. */
final class JobOptions {
  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      defaultValue = "warehouse",
      description =
          "Folder of the Delta tables, or a URI Spark can write (s3a://, hdfs://...)"
              + " (default: ${DEFAULT-VALUE}).")
  String warehouse;

  @Option(
      names = "--job-id",
      paramLabel = "ID",
      description = "Id of this run (default: generated).")
  String jobId;

  Optional<String> jobId() {
    return Optional.ofNullable(jobId);
  }
}
