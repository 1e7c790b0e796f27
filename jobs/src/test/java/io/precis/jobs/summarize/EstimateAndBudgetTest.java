package io.precis.jobs.summarize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.chunking.source.LocalDocumentSource;
import io.precis.core.config.ConfigLoader;
import io.precis.core.config.PrecisSettings;
import io.precis.core.errors.PrecisException;
import io.precis.core.model.JobContext;
import io.precis.core.model.Resolution;
import io.precis.jobs.DeltaKernelReader;
import io.precis.jobs.spark.SparkSessions;
import io.precis.jobs.tables.TableSchemas;
import io.precis.testkit.DemoCorpus;
import io.precis.testkit.sim.LlmSimulator;
import io.precis.testkit.sim.QualityRule;
import io.precis.testkit.sim.SimulatorOptions;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The estimate (a dry run that calls nothing and writes nothing) against the run it predicts, and a
 * run's budget: refused up front when the estimate is over it, and never overspent when the models
 * cost more than estimated.
 */
class EstimateAndBudgetTest {
  private static SparkSession spark;
  private static LlmSimulator simulator;
  private static final DeltaKernelReader READER = new DeltaKernelReader();

  @TempDir static Path shared;
  private static Path corpus;

  @TempDir Path directory;

  @BeforeAll
  static void start() throws IOException {
    simulator = LlmSimulator.start(SimulatorOptions.defaults());
    spark = SparkSessions.create(settings().spark(), Optional.of("local[2]"));
    spark.sparkContext().setLogLevel("WARN");
    corpus = Files.createDirectories(shared.resolve("corpus"));
    DemoCorpus.extractTo(corpus);
  }

  @AfterAll
  static void stop() {
    spark.stop();
    simulator.close();
  }

  @BeforeEach
  void reset() {
    simulator.configure(SimulatorOptions.defaults());
    simulator.calls().clear();
  }

  private static PrecisSettings settings() {
    List<String> sets = new ArrayList<>();
    sets.add("llm.tiers.cheap.base-url=" + simulator.baseUrl());
    sets.add("llm.tiers.premium.base-url=" + simulator.openAiBaseUrl());
    sets.add("llm.tiers.premium.api-key-env=");
    // The simulator's tokenizer, for both models; the estimate counts in it.
    sets.add("llm.tier-defaults.chars-per-token=4");
    sets.add("spark.partitions=3");
    sets.add("parsing.isolation=none");
    return PrecisSettings.from(ConfigLoader.load(Optional.empty(), sets));
  }

  private static JobContext job(String jobId) {
    return new JobContext(jobId, "budgeted", "acme", "");
  }

  private static JobResult estimate(Path warehouse) {
    return new EstimateJob(spark, settings(), message -> {})
        .run(
            new LocalDocumentSource(List.of(corpus)),
            warehouse.toUri().toString(),
            job("job-estimate"),
            false);
  }

  private static JobResult run(Path warehouse, String jobId, Optional<BigDecimal> budget) {
    return new SummarizeCorpusJob(spark, settings(), message -> {})
        .run(
            new LocalDocumentSource(List.of(corpus)),
            warehouse.toUri().toString(),
            job(jobId),
            false,
            budget);
  }

  private static List<Map<String, Object>> table(Path warehouse, String name) {
    return READER.read(SummarizeCorpusJob.tablePath(warehouse.toUri().toString(), name));
  }

  private static BigDecimal ledger(Path warehouse) {
    return table(warehouse, TableSchemas.LLM_CALLS).stream()
        .map(c -> (BigDecimal) c.get("cost_usd"))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void theEstimateCallsNothingWritesNothingAndComesWithinTenPercentOfTheRun() {
    Path warehouse = directory.resolve("warehouse");

    JobResult estimate = estimate(warehouse);

    assertThat(simulator.calls().all()).isEmpty();
    assertThat(warehouse).doesNotExist();
    assertThat(estimate.status()).isEqualTo("ESTIMATE");
    JobCosts expected = estimate.costs();
    assertThat(expected.totalChunks()).isPositive();

    JobResult actual = run(warehouse, "job-actual", Optional.empty());

    JobCosts spent = actual.costs();
    assertThat(spent.cost()).isEqualByComparingTo(ledger(warehouse));
    // The same chunks on the same tiers, and the same calls.
    for (Resolution resolution : Resolution.values()) {
      assertThat(expected.chunks(resolution))
          .as(resolution.name())
          .isEqualTo(spent.chunks(resolution));
    }
    assertThat(expected.cheap().calls()).isEqualTo(spent.cheap().calls());
    assertThat(expected.premium().calls()).isEqualTo(spent.premium().calls());
    assertThat(expected.removedTokens()).isEqualTo(spent.removedTokens());
    // Tokens counted another way (the simulator's 4 characters a token), answers of the length
    // the prompts ask for: the money within 10%.
    BigDecimal error =
        expected.cost().subtract(spent.cost()).abs().divide(spent.cost(), MathContext.DECIMAL64);
    assertThat(error).as(describe(expected, spent)).isLessThan(new BigDecimal("0.10"));
    BigDecimal baselineError =
        expected
            .baseline()
            .subtract(spent.baseline())
            .abs()
            .divide(spent.baseline(), MathContext.DECIMAL64);
    assertThat(baselineError).as(describe(expected, spent)).isLessThan(new BigDecimal("0.10"));
  }

  @Test
  void aRunEstimatedOverItsBudgetDoesNotStartAndSpendsNothing() {
    Path warehouse = directory.resolve("warehouse");
    BigDecimal estimated = estimate(warehouse).costs().cost();
    BigDecimal budget = estimated.divide(BigDecimal.valueOf(2));

    assertThatThrownBy(() -> run(warehouse, "job-refused", Optional.of(budget)))
        .isInstanceOf(PrecisException.class)
        .hasMessageContaining("over its budget of $")
        .hasMessageContaining("nothing was spent");

    assertThat(simulator.calls().all()).isEmpty();
    assertThat(warehouse).doesNotExist();
  }

  @Test
  void aRunWhoseModelsCostMoreThanEstimatedStopsAtItsBudgetAndTheNextRunFinishes() {
    Path warehouse = directory.resolve("warehouse");
    BigDecimal budget = estimate(warehouse).costs().cost();
    // gpt-4o runs on past the word limit the estimate counts on: its answers cost several times
    // what was estimated.
    simulator.configure(
        SimulatorOptions.builder()
            .qualityRule(
                QualityRule.badAtNumbers("^gpt-4o$", 0.0, QualityRule.Behaviour.IGNORE_WORD_LIMIT))
            .build());

    JobResult budgeted = run(warehouse, "job-budgeted", Optional.of(budget));

    assertThat(budgeted.status()).isEqualTo("PARTIAL");
    assertThat(ledger(warehouse)).isPositive().isLessThanOrEqualTo(budget);
    assertThat(budgeted.costs().cost()).isLessThanOrEqualTo(budget);
    List<Map<String, Object>> unresolved =
        table(warehouse, TableSchemas.CHUNKS).stream()
            .filter(c -> c.get("resolution").equals("UNRESOLVED"))
            .toList();
    assertThat(unresolved)
        .isNotEmpty()
        .allSatisfy(c -> assertThat((String) c.get("reason")).startsWith("BUDGET_REACHED: "))
        .allSatisfy(c -> assertThat(c.get("summary")).isNull());
    // A refused call is not a call: the ledger holds only what was sent.
    assertThat(table(warehouse, TableSchemas.LLM_CALLS))
        .allSatisfy(c -> assertThat(c.get("status")).isEqualTo("OK"));
    List<Object> unfinished =
        table(warehouse, TableSchemas.DOCUMENTS).stream()
            .filter(d -> !d.get("status").equals("SUMMARIZED"))
            .map(d -> d.get("doc_id"))
            .toList();
    assertThat(unfinished)
        .containsAll(unresolved.stream().map(c -> c.get("doc_id")).distinct().toList());

    simulator.configure(SimulatorOptions.defaults());
    JobResult next = run(warehouse, "job-next", Optional.empty());

    assertThat(next.status()).isEqualTo("SUCCEEDED");
    assertThat(next.documents()).isEqualTo(unfinished.size());
    assertThat(table(warehouse, TableSchemas.CHUNKS))
        .noneMatch(c -> c.get("resolution").equals("UNRESOLVED"));
    assertThat(table(warehouse, TableSchemas.DOCUMENTS))
        .allSatisfy(d -> assertThat(d.get("status")).isEqualTo("SUMMARIZED"));
  }

  private static String describe(JobCosts expected, JobCosts spent) {
    return String.format(
        "estimate $%s (cheap %d in / %d out, premium %d in / %d out) against actual $%s (cheap %d"
            + " in / %d out, premium %d in / %d out)",
        expected.cost(),
        expected.cheap().inputTokens(),
        expected.cheap().outputTokens(),
        expected.premium().inputTokens(),
        expected.premium().outputTokens(),
        spent.cost(),
        spent.cheap().inputTokens(),
        spent.cheap().outputTokens(),
        spent.premium().inputTokens(),
        spent.premium().outputTokens());
  }
}
