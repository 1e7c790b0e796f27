package io.precis.jobs.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.chunking.source.LocalDocumentSource;
import io.precis.core.config.ConfigLoader;
import io.precis.core.config.PrecisSettings;
import io.precis.core.model.JobContext;
import io.precis.jobs.spark.SparkSessions;
import io.precis.jobs.summarize.JobResult;
import io.precis.jobs.summarize.SummarizeCorpusJob;
import io.precis.testkit.sim.LlmSimulator;
import io.precis.testkit.sim.SimulatedCall;
import io.precis.testkit.sim.SimulatorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls in flight per task: with 500 ms of simulated latency and {@code llm.concurrency} = C, a job
 * on {@code local[2]} with 2 partitions should make about C x 2 / 0.5 s calls a second. Prints the
 * measured rate, from the simulator's arrival times of the chunk calls, against that ideal, for
 * several C in one JVM. Not part of the build: run it with
 *
 * <pre>
 * ./mvnw -B -o -q test -pl jobs -Dgroups=benchmark -Dexcluded.groups= \
 *     -Dtest=CallConcurrencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@Tag("benchmark")
class CallConcurrencyBenchmark {
  private static final Duration LATENCY = Duration.ofMillis(500);
  private static final int TASKS = 2;

  @TempDir Path directory;

  @Test
  void throughputAgainstCallsInFlightTimesTasksOverLatency() throws IOException {
    // Ollama4j makes a new HTTP client for every call; the OpenAI-compatible client keeps one.
    for (String provider : List.of("openai", "ollama")) {
      for (int concurrency : new int[] {1, 16, 32, 64}) {
        measure(provider, concurrency);
      }
    }
  }

  private void measure(String provider, int concurrency) throws IOException {
    {
      int documents = Math.max(40, concurrency * TASKS * 12); // twelve rounds of calls per level
      Path corpus = Files.createDirectories(directory.resolve("corpus-" + provider + concurrency));
      for (int i = 0; i < documents; i++) {
        Files.writeString(
            corpus.resolve("note-" + i + ".txt"),
            "Note " + i + " of level " + concurrency + ": the gate was painted green today.");
      }
      try (LlmSimulator simulator =
          LlmSimulator.start(SimulatorOptions.builder().latency(LATENCY).build())) {
        PrecisSettings settings =
            PrecisSettings.from(
                ConfigLoader.load(
                    Optional.empty(),
                    List.of(
                        "llm.tiers.cheap.provider=" + provider,
                        "llm.tiers.cheap.model="
                            + (provider.equals("ollama") ? "llama3.2:3b" : "gpt-4o-mini"),
                        "llm.tiers.cheap.base-url="
                            + (provider.equals("ollama")
                                ? simulator.baseUrl()
                                : simulator.openAiBaseUrl()),
                        "llm.tiers.premium.base-url=" + simulator.openAiBaseUrl(),
                        "llm.tiers.premium.api-key-env=",
                        "llm.concurrency=" + concurrency,
                        "spark.partitions=" + TASKS,
                        "parsing.isolation=none",
                        "dedupe.enabled=false",
                        "cache.enabled=false")));
        SparkSession spark = SparkSessions.create(settings.spark(), Optional.of("local[2]"));
        spark.sparkContext().setLogLevel("ERROR");
        JobResult result;
        try {
          result =
              new SummarizeCorpusJob(spark, settings, message -> {})
                  .run(
                      new LocalDocumentSource(List.of(corpus)),
                      directory.resolve("warehouse-" + provider + concurrency).toUri().toString(),
                      new JobContext("job-" + provider + concurrency, "benchmark", "default", ""),
                      false,
                      Optional.empty());
        } finally {
          spark.stop();
        }
        assertThat(result.status()).isEqualTo("SUCCEEDED");
        List<SimulatedCall> calls =
            simulator.calls().all().stream().filter(SimulatedCall::isCompletion).toList();
        assertThat(calls).hasSize(documents);
        java.time.Instant first =
            calls.stream().map(SimulatedCall::at).min(java.util.Comparator.naturalOrder()).get();
        java.time.Instant last =
            calls.stream().map(SimulatedCall::at).max(java.util.Comparator.naturalOrder()).get();
        // From the first call's arrival to the last one's answer.
        Duration span = Duration.between(first, last).plus(LATENCY);
        double rate = calls.size() / (span.toNanos() / 1e9);
        double ideal = concurrency * TASKS / (LATENCY.toNanos() / 1e9);
        System.out.printf(
            "%s C=%d: %d calls in %.2f s = %.1f calls/s; ideal C x %d / 0.5 s = %.1f; %.1f%%%n",
            provider,
            concurrency,
            calls.size(),
            span.toNanos() / 1e9,
            rate,
            TASKS,
            ideal,
            100 * rate / ideal);
      }
    }
  }
}
