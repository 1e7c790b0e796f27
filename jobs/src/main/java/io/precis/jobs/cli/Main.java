package io.precis.jobs.cli;

import picocli.CommandLine;

/** Entry point of the {@code precis} command, also the main class for spark-submit. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int exitCode = commandLine().execute(args);
    System.exit(exitCode);
  }

  /** The command line with precis' error handling, for main and for tests. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new PrecisCommand());
    commandLine.setExecutionExceptionHandler(new ErrorHandler());
    commandLine.setParameterExceptionHandler(new ErrorHandler());
    return commandLine;
  }
}
