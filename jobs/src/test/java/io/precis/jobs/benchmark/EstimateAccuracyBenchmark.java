package io.precis.jobs.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.chunking.source.LocalDocumentSource;
import io.precis.core.config.ConfigLoader;
import io.precis.core.config.PrecisSettings;
import io.precis.core.model.JobContext;
import io.precis.jobs.spark.SparkSessions;
import io.precis.jobs.summarize.EstimateJob;
import io.precis.jobs.summarize.JobCosts;
import io.precis.jobs.summarize.JobResult;
import io.precis.jobs.summarize.SummarizeCorpusJob;
import io.precis.testkit.sim.LlmSimulator;
import io.precis.testkit.sim.SimulatorOptions;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code precis estimate} against the run it estimates, on a whole corpus, with both tiers on the
 * LLM simulator configured as in conf/demo.conf; prints calls, tokens and cost per tier of each,
 * and the relative error of the cost and the baseline. Not part of the build: run it with
 *
 * <pre>
 * ./mvnw -pl jobs test -Dgroups=benchmark -Dexcluded.groups= -Dtest=EstimateAccuracyBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dprecis.corpus=$PWD/../shared/corpus
 * </pre>
 */
@Tag("benchmark")
class EstimateAccuracyBenchmark {
  @TempDir Path directory;

  @Test
  void theEstimateOfTheCorpusAgainstItsRun() {
    String corpus = System.getProperty("precis.corpus");
    Assumptions.assumeTrue(corpus != null, "set -Dprecis.corpus to a folder of documents");
    try (LlmSimulator simulator = LlmSimulator.start(SimulatorOptions.defaults())) {
      PrecisSettings settings =
          PrecisSettings.from(
              ConfigLoader.load(
                  Optional.of(Path.of("..", "conf", "demo.conf")),
                  List.of(
                      "llm.tiers.cheap.base-url=" + simulator.baseUrl(),
                      "llm.tiers.premium.base-url=" + simulator.openAiBaseUrl())));
      SparkSession spark = SparkSessions.create(settings.spark(), Optional.of("local[2]"));
      try {
        String warehouse = directory.resolve("warehouse").toUri().toString();
        LocalDocumentSource source = new LocalDocumentSource(List.of(Path.of(corpus)));
        JobContext job = new JobContext("job-estimate-benchmark", "benchmark", "default", "");
        JobResult estimate =
            new EstimateJob(spark, settings, message -> {}).run(source, warehouse, job, false);
        assertThat(simulator.calls().successfulCompletions()).isZero();
        JobResult run =
            new SummarizeCorpusJob(spark, settings, message -> {})
                .run(source, warehouse, job, false, Optional.empty());

        print("estimate", estimate);
        print("run", run);
        BigDecimal costError = error(estimate.costs().cost(), run.costs().cost());
        BigDecimal baselineError = error(estimate.costs().baseline(), run.costs().baseline());
        System.out.printf(
            "estimate/run - 1: cost %+.2f%%, baseline %+.2f%%; calls %d vs %d%n",
            costError.doubleValue() * 100,
            baselineError.doubleValue() * 100,
            calls(estimate.costs()),
            calls(run.costs()));
        assertThat(costError.abs()).isLessThan(new BigDecimal("0.10"));
      } finally {
        spark.stop();
      }
    }
  }

  private static long calls(JobCosts costs) {
    return costs.cheap().calls() + costs.premium().calls();
  }

  private static BigDecimal error(BigDecimal estimated, BigDecimal actual) {
    return estimated.subtract(actual).divide(actual, MathContext.DECIMAL64);
  }

  private static void print(String label, JobResult result) {
    JobCosts costs = result.costs();
    System.out.printf(
        "%-8s %5d docs %6d chunks in %5.1f s | cheap %6d calls %9d in %8d out $%s | premium %5d"
            + " calls %8d in %7d out $%s | cost $%s baseline $%s%n",
        label,
        result.documents(),
        costs.totalChunks(),
        result.wallTime().toMillis() / 1000.0,
        costs.cheap().calls(),
        costs.cheap().inputTokens(),
        costs.cheap().outputTokens(),
        costs.cheap().cost().setScale(6, java.math.RoundingMode.HALF_EVEN),
        costs.premium().calls(),
        costs.premium().inputTokens(),
        costs.premium().outputTokens(),
        costs.premium().cost().setScale(6, java.math.RoundingMode.HALF_EVEN),
        costs.cost().setScale(6, java.math.RoundingMode.HALF_EVEN),
        costs.baseline().setScale(6, java.math.RoundingMode.HALF_EVEN));
  }
}
