package io.precis.jobs.summarize;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.chunking.source.LocalDocumentSource;
import io.precis.core.config.ConfigLoader;
import io.precis.core.config.PrecisSettings;
import io.precis.core.model.JobContext;
import io.precis.jobs.DeltaKernelReader;
import io.precis.jobs.spark.SparkSessions;
import io.precis.jobs.tables.TableSchemas;
import io.precis.testkit.sim.LlmSimulator;
import io.precis.testkit.sim.SimulatedCall;
import io.precis.testkit.sim.SimulatorOptions;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under {@code local[2,4]}, the first attempt of every task that calls the LLM fails after its
 * calls, as a lost executor would: with the call ledger the provider is paid once per distinct
 * prompt and {@code llm_calls} holds each paid call once; without it the retries pay again.
 * (Routing issue, second must-show.)
 */
class ExactlyOnceTest {
  @TempDir Path directory;

  @AfterEach
  void removeHook() {
    SummarizeCorpusJob.afterLlmTask = null;
  }

  private Path corpus() throws IOException {
    Path corpus = Files.createDirectories(directory.resolve("corpus"));
    String[] towns = {"Avonmore", "Brindle", "Carrow", "Dunmere", "Eastwick", "Fallow"};
    for (int i = 0; i < 24; i++) {
      StringBuilder text = new StringBuilder();
      for (int p = 0; p < 3; p++) {
        text.append("Report ")
            .append(i)
            .append(" part ")
            .append(p)
            .append(": the ferry from ")
            .append(towns[(i + p) % towns.length])
            .append(" ran late because the tide turned early and the crew waited at the pier. ")
            .append("Passengers were moved to the evening crossing and the cafe stayed open. ")
            .append("\n\n".repeat(p < 2 ? 1 : 0));
      }
      Files.writeString(corpus.resolve("report-" + i + ".txt"), text.toString());
    }
    return corpus;
  }

  private record Run(
      long paid, long distinctPrompts, List<Map<String, Object>> calls, BigDecimal jobCost) {}

  private Run run(boolean ledger) throws IOException {
    Path corpus = corpus();
    try (LlmSimulator simulator = LlmSimulator.start(SimulatorOptions.builder().build())) {
      List<String> sets = new ArrayList<>();
      sets.add("llm.tiers.cheap.base-url=" + simulator.baseUrl());
      sets.add("llm.tiers.premium.base-url=" + simulator.openAiBaseUrl());
      sets.add("llm.tiers.premium.api-key-env=");
      sets.add("llm.ledger.enabled=" + ledger);
      sets.add("parsing.isolation=none");
      sets.add("chunking.max-tokens=40");
      // Only the calls matter here: no embedding stages.
      sets.add("dedupe.enabled=false");
      sets.add("cache.enabled=false");
      PrecisSettings settings = PrecisSettings.from(ConfigLoader.load(Optional.empty(), sets));
      SparkSession spark = SparkSessions.create(settings.spark(), Optional.of("local[2,4]"));
      spark.sparkContext().setLogLevel("ERROR");
      String warehouse = directory.resolve(ledger ? "with" : "without").toUri().toString();
      SummarizeCorpusJob.afterLlmTask =
          () -> {
            if (TaskContext.get().attemptNumber() == 0) {
              throw new IllegalStateException("simulated executor loss after the task's calls");
            }
          };
      JobResult result;
      try {
        result =
            new SummarizeCorpusJob(spark, settings, message -> {})
                .run(
                    new LocalDocumentSource(List.of(corpus)),
                    warehouse,
                    new JobContext("job-once", "reports", "default", ""),
                    false,
                    Optional.empty());
      } finally {
        SummarizeCorpusJob.afterLlmTask = null;
        spark.stop();
      }
      assertThat(result.status()).isEqualTo("SUCCEEDED");
      List<SimulatedCall> answered =
          simulator.calls().all().stream()
              .filter(call -> call.isCompletion() && call.outcome() == SimulatedCall.Outcome.OK)
              .toList();
      long distinct = answered.stream().map(SimulatedCall::requestHash).distinct().count();
      DeltaKernelReader reader = new DeltaKernelReader();
      List<Map<String, Object>> calls =
          reader.read(SummarizeCorpusJob.tablePath(warehouse, TableSchemas.LLM_CALLS));
      BigDecimal jobCost =
          (BigDecimal)
              reader
                  .read(SummarizeCorpusJob.tablePath(warehouse, TableSchemas.JOB_COSTS))
                  .get(0)
                  .get("cost_usd");
      return new Run(answered.size(), distinct, calls, jobCost);
    }
  }

  @Test
  void retriedTasksReuseThePaidAnswersAndEachPaidCallIsRecordedOnce() throws IOException {
    Run with = run(true);

    assertThat(with.distinctPrompts()).isGreaterThan(20);
    assertThat(with.paid()).isEqualTo(with.distinctPrompts());
    assertThat(with.calls()).hasSize((int) with.paid());
    assertThat(with.calls().stream().map(c -> c.get("call_id")).collect(Collectors.toSet()))
        .hasSize(with.calls().size());
    BigDecimal recorded =
        with.calls().stream()
            .map(c -> (BigDecimal) c.get("cost_usd"))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(recorded).isEqualByComparingTo(with.jobCost());

    // The control: without the ledger every retried task pays its calls again.
    Run without = run(false);
    assertThat(without.distinctPrompts()).isEqualTo(with.distinctPrompts());
    assertThat(without.paid()).isGreaterThan(without.distinctPrompts());
    System.out.printf(
        "exactly-once: %d distinct prompts; paid %d with the ledger, %d without%n",
        with.distinctPrompts(), with.paid(), without.paid());
  }
}
