package io.precis.jobs.cli;

import io.precis.core.errors.Errors;
import io.precis.testkit.sim.LlmSimulator;
import io.precis.testkit.sim.SimulatorOptions;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code precis simulate}: the LLM simulator on its own, until interrupted. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the LLM simulator: a server speaking the Ollama, OpenAI and Anthropic APIs with"
          + " deterministic answers and optional faults, for trying precis without models. Stop"
          + " it with Ctrl-C."
    })
final class SimulateCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "11434",
      description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}, Ollama's).")
  int port;

  @Option(names = "--latency-ms", defaultValue = "0", description = "Delay before every answer.")
  long latencyMillis;

  @Option(
      names = "--rate-limited",
      defaultValue = "0",
      paramLabel = "SHARE",
      description = "Share of requests answered 429 with Retry-After.")
  double rateLimited;

  @Option(
      names = "--server-errors",
      defaultValue = "0",
      paramLabel = "SHARE",
      description = "Share of requests answered 500.")
  double serverErrors;

  @Option(
      names = "--timeouts",
      defaultValue = "0",
      paramLabel = "SHARE",
      description = "Share of requests never answered.")
  double timeouts;

  @Option(
      names = "--malformed",
      defaultValue = "0",
      paramLabel = "SHARE",
      description = "Share of requests answered with broken JSON.")
  double malformed;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the fault draws.")
  long seed;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    requireShare("--rate-limited", rateLimited);
    requireShare("--server-errors", serverErrors);
    requireShare("--timeouts", timeouts);
    requireShare("--malformed", malformed);
    if (latencyMillis < 0) {
      throw Errors.invalidOption("--latency-ms", latencyMillis, ">= 0");
    }
    SimulatorOptions options =
        SimulatorOptions.builder()
            .port(port)
            .latency(Duration.ofMillis(latencyMillis))
            .rateLimitedShare(rateLimited)
            .serverErrorShare(serverErrors)
            .timeoutShare(timeouts)
            .malformedShare(malformed)
            .seed(seed)
            .build();
    CountDownLatch stopped = new CountDownLatch(1);
    LlmSimulator started;
    try {
      started = LlmSimulator.start(options);
    } catch (UncheckedIOException e) {
      throw Errors.portInUse(port, "--port");
    }
    try (LlmSimulator simulator = started) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      PrintWriter out = spec.commandLine().getOut();
      out.println("precis LLM simulator listening (Ctrl-C to stop)");
      out.println("  Ollama API: " + simulator.baseUrl());
      out.println("  OpenAI API: " + simulator.openAiBaseUrl());
      out.println("  Anthropic API: " + simulator.anthropicBaseUrl());
      out.println("Point precis at it, e.g.:");
      out.println(
          "  ./precis run --input DIR --conf conf/demo.conf --set llm.tiers.cheap.base-url="
              + simulator.baseUrl()
              + " --set llm.tiers.premium.base-url="
              + simulator.openAiBaseUrl());
      out.flush();
      stopped.await();
    }
    return 0;
  }

  private static void requireShare(String option, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw Errors.invalidOption(option, value, "a share between 0 and 1");
    }
  }
}
