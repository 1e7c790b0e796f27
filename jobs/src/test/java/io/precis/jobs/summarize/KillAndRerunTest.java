package io.precis.jobs.summarize;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.jobs.DeltaKernelReader;
import io.precis.jobs.tables.TableSchemas;
import io.precis.testkit.sim.LlmSimulator;
import io.precis.testkit.sim.SimulatedCall;
import io.precis.testkit.sim.SimulatorOptions;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job runs as its own process, as {@code precis run} does, and is killed with SIGKILL at three
 * random points, each time rerun; the fourth run finishes. The call ledger makes every rerun reuse
 * what the killed runs were answered: a prompt is paid again only if its call was in flight when
 * the process died (its answer was on its way, so no client could have written it down). (Routing
 * issue, second must-show.)
 */
class KillAndRerunTest {
  private static final Duration LATENCY = Duration.ofMillis(300);

  /** Leeway around the simulated latency for "the answer was on its way at the kill". */
  private static final Duration SLACK = Duration.ofMillis(250);

  @TempDir Path directory;

  @Test
  void rerunsAfterSigkillPayOnlyForCallsThatWereInFlightAtTheKill() throws Exception {
    Path corpus = Files.createDirectories(directory.resolve("corpus"));
    for (int i = 0; i < 30; i++) {
      StringBuilder text = new StringBuilder();
      for (int p = 0; p < 4; p++) {
        text.append(
            ("Log %d, entry %d: the lock keeper on reach %d opened the upper gates at dawn and let"
                    + " two barges through before the water fell; the towpath was clear and the"
                    + " weir ran high after the rain.%n%n")
                .formatted(i, p, i * 4 + p));
      }
      Files.writeString(corpus.resolve("log-" + i + ".txt"), text.toString());
    }
    long seed = System.nanoTime();
    Random random = new Random(seed);
    System.out.println("kill points from seed " + seed);
    String warehouse = directory.resolve("warehouse").toUri().toString();
    List<Instant> kills = new ArrayList<>();
    try (LlmSimulator simulator =
        LlmSimulator.start(SimulatorOptions.builder().latency(LATENCY).build())) {
      Predicate<SimulatedCall> answered =
          call -> call.isCompletion() && call.outcome() == SimulatedCall.Outcome.OK;
      for (int run = 1; run <= 4; run++) {
        long before = simulator.calls().count(answered);
        Process job = start(simulator, corpus, warehouse, run);
        if (run <= 3) {
          // Kill after a random number of new requests, between 1 and 30 (each run has more).
          long target = before + 1 + random.nextInt(30);
          while (job.isAlive() && simulator.calls().count(answered) < target) {
            Thread.sleep(5);
          }
          assertThat(job.isAlive())
              .as(
                  "run %d ended by itself (exit %s) before its kill point:%n%s",
                  run,
                  job.isAlive() ? "-" : job.exitValue(),
                  Files.readString(directory.resolve("run-" + run + ".log")))
              .isTrue();
          job.destroyForcibly(); // SIGKILL
          kills.add(Instant.now());
          job.waitFor(60, TimeUnit.SECONDS);
          System.out.printf(
              "run %d killed after %d requests%n", run, simulator.calls().count(answered) - before);
        } else {
          assertThat(job.waitFor(10, TimeUnit.MINUTES)).isTrue();
          assertThat(job.exitValue()).as(Files.readString(directory.resolve("run-4.log"))).isZero();
        }
      }

      List<SimulatedCall> paid = simulator.calls().all().stream().filter(answered).toList();
      Map<String, List<SimulatedCall>> byPrompt =
          paid.stream().collect(Collectors.groupingBy(SimulatedCall::requestHash));
      // A call was on its way at a kill if it arrived before the kill and its answer was not
      // sent LATENCY (plus slack) before it.
      Predicate<SimulatedCall> inFlightAtAKill =
          call ->
              kills.stream()
                  .anyMatch(
                      kill ->
                          !call.at().isAfter(kill)
                              && call.at().plus(LATENCY).plus(SLACK).isAfter(kill));
      long inFlight = paid.stream().filter(inFlightAtAKill).count();
      for (List<SimulatedCall> calls : byPrompt.values()) {
        if (calls.size() > 1) {
          // Every payment but the last one was lost in flight at a kill.
          List<SimulatedCall> lost = calls.subList(0, calls.size() - 1);
          assertThat(lost).allMatch(inFlightAtAKill);
        }
      }
      assertThat(paid.size()).isLessThanOrEqualTo(byPrompt.size() + (int) inFlight);

      // Each answer a run received is in llm_calls once, even when a later run used it.
      DeltaKernelReader reader = new DeltaKernelReader();
      List<Map<String, Object>> calls =
          reader.read(SummarizeCorpusJob.tablePath(warehouse, TableSchemas.LLM_CALLS));
      assertThat(calls).hasSize(byPrompt.size());
      assertThat(reader.read(SummarizeCorpusJob.tablePath(warehouse, TableSchemas.DOC_SUMMARIES)))
          .hasSize(30);
      System.out.printf(
          "kill and rerun: %d distinct prompts, %d paid calls, %d of them in flight at the"
              + " three kills; llm_calls holds %d rows from %d jobs%n",
          byPrompt.size(),
          paid.size(),
          inFlight,
          calls.size(),
          calls.stream().map(c -> c.get("job_id")).distinct().count());
    }
  }

  /** Starts {@code precis run} in a JVM of its own, with this JVM's flags and class path. */
  private Process start(LlmSimulator simulator, Path corpus, String warehouse, int run)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (argument.startsWith("--add-opens") || argument.startsWith("--add-exports")) {
        command.add(argument);
      }
    }
    command.add("-Xmx1g");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.precis.jobs.cli.Main");
    command.addAll(
        List.of(
            "run",
            "--input",
            corpus.toString(),
            "--warehouse",
            warehouse,
            "--master",
            "local[2]",
            "--set",
            "llm.tiers.cheap.base-url=" + simulator.baseUrl(),
            "--set",
            "llm.tiers.premium.base-url=" + simulator.openAiBaseUrl(),
            "--set",
            "llm.tiers.premium.api-key-env=",
            "--set",
            "llm.concurrency=2",
            "--set",
            "chunking.max-tokens=40",
            "--set",
            "parsing.isolation=none",
            "--set",
            "dedupe.enabled=false",
            "--set",
            "cache.enabled=false"));
    File log = directory.resolve("run-" + run + ".log").toFile();
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
  }
}
