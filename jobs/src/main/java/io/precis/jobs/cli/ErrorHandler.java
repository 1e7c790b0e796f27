package io.precis.jobs.cli;

import io.precis.core.errors.PrecisException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one line on stderr that says what to do, with the stack trace only under
 * {@code --verbose}. A {@link PrecisException} anywhere in the cause chain (Spark wraps what its
 * tasks throw) is shown as it is.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
  static final int USER_ERROR = 2;
  static final int INTERNAL_ERROR = 1;

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    boolean verbose = verbose(parseResult);
    PrecisException userError = find(exception);
    if (userError != null) {
      err.println("precis: " + userError.getMessage());
      if (verbose) {
        exception.printStackTrace(err);
      }
      err.flush();
      return USER_ERROR;
    }
    err.println(
        "precis: unexpected "
            + exception.getClass().getSimpleName()
            + ": "
            + exception.getMessage()
            + (verbose ? "" : " (run again with --verbose for the stack trace)"));
    if (verbose) {
      exception.printStackTrace(err);
    }
    err.flush();
    return INTERNAL_ERROR;
  }

  @Override
  public int handleParseException(ParameterException exception, String[] args) {
    CommandLine commandLine = exception.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println(
        "precis: "
            + exception.getMessage()
            + ". See `precis "
            + commandLine.getCommandSpec().qualifiedName(" ").replaceFirst("^precis ?", "")
            + " --help`.");
    err.flush();
    return USER_ERROR;
  }

  /** --verbose belongs to the subcommand, so look down the chain of parse results. */
  private static boolean verbose(ParseResult parseResult) {
    for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
      if (result.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  private static PrecisException find(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof PrecisException precis) {
        return precis;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }
}
