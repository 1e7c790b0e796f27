package io.precis.jobs.benchmark;

import io.precis.chunking.source.LocalDocumentSource;
import io.precis.core.config.ConfigLoader;
import io.precis.core.config.PrecisSettings;
import io.precis.core.model.JobContext;
import io.precis.jobs.DeltaKernelReader;
import io.precis.jobs.spark.SparkSessions;
import io.precis.jobs.summarize.JobCosts;
import io.precis.jobs.summarize.JobResult;
import io.precis.jobs.summarize.SummarizeCorpusJob;
import io.precis.jobs.tables.TableSchemas;
import io.precis.testkit.sim.LlmSimulator;
import io.precis.testkit.sim.QualityRule;
import io.precis.testkit.sim.SimulatorOptions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline (dedupe, bucket routing, the cheap-first cascade with its checks) on a corpus,
 * against the simulator configured as in conf/demo.conf, whose cheap model invents figures on
 * chunks dense with digits (as small models do on financial tables): prints the share of chunks per
 * resolution, bucket and tier, the escalations per failed check, and the cost against the
 * all-premium baseline. Not part of the build: run it with
 *
 * <pre>
 * ./mvnw -B -o -q test -pl jobs -Dgroups=benchmark -Dexcluded.groups= \
 *     -Dtest=CorpusRoutingBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dprecis.corpus=/work/shared/corpus
 * </pre>
 */
@Tag("benchmark")
class CorpusRoutingBenchmark {
  @TempDir Path directory;

  @Test
  void tierSharesAndCostAgainstTheAllPremiumBaseline() {
    String corpus = System.getProperty("precis.corpus");
    Assumptions.assumeTrue(corpus != null, "set -Dprecis.corpus to a folder of documents");
    SimulatorOptions options =
        SimulatorOptions.builder()
            .qualityRule(
                QualityRule.badAtNumbers("^llama3\\.2", 0.15, QualityRule.Behaviour.INVENT_NUMBERS))
            .build();
    try (LlmSimulator simulator = LlmSimulator.start(options)) {
      PrecisSettings settings =
          PrecisSettings.from(
              ConfigLoader.load(
                  Optional.of(Path.of("..", "conf", "demo.conf")),
                  List.of(
                      "llm.tiers.cheap.base-url=" + simulator.baseUrl(),
                      "llm.tiers.premium.base-url=" + simulator.openAiBaseUrl())));
      SparkSession spark = SparkSessions.create(settings.spark(), Optional.of("local[2]"));
      spark.sparkContext().setLogLevel("ERROR");
      String warehouse = directory.resolve("warehouse").toUri().toString();
      JobResult result;
      try {
        result =
            new SummarizeCorpusJob(spark, settings, message -> System.out.println("  " + message))
                .run(
                    new LocalDocumentSource(List.of(Path.of(corpus))),
                    warehouse,
                    new JobContext("job-routing-benchmark", "benchmark", "default", ""),
                    false,
                    Optional.empty());
      } finally {
        spark.stop();
      }
      DeltaKernelReader reader = new DeltaKernelReader();
      List<Map<String, Object>> chunks =
          reader.read(SummarizeCorpusJob.tablePath(warehouse, TableSchemas.CHUNKS));
      List<Map<String, Object>> calls =
          reader.read(SummarizeCorpusJob.tablePath(warehouse, TableSchemas.LLM_CALLS));
      JobCosts costs = result.costs();
      System.out.printf(
          "%d documents, %d chunks in %.1f s, status %s%n",
          result.documents(),
          chunks.size(),
          result.wallTime().toMillis() / 1000.0,
          result.status());
      print("resolution", share(chunks, "resolution"));
      print(
          "bucket (chunks that reached the LLM)",
          share(
              chunks.stream()
                  .filter(
                      c -> List.of("CHEAP", "PREMIUM", "UNRESOLVED").contains(c.get("resolution")))
                  .toList(),
              "bucket"));
      print(
          "tier that answered (chunks that reached the LLM)",
          share(
              chunks.stream()
                  .filter(c -> List.of("CHEAP", "PREMIUM").contains(c.get("resolution")))
                  .toList(),
              "tier"));
      print(
          "escalations by failed check",
          share(
              calls.stream().filter(c -> c.get("check_failed") != null).toList(),
              c -> ((String) c.get("check_failed")).replaceAll(":.*", "")));
      System.out.printf(
          "calls: cheap %d ($%s), premium %d ($%s)%n",
          costs.cheap().calls(),
          money(costs.cheap().cost()),
          costs.premium().calls(),
          money(costs.premium().cost()));
      BigDecimal saving =
          costs.baseline().signum() == 0
              ? BigDecimal.ZERO
              : costs
                  .savings()
                  .multiply(BigDecimal.valueOf(100))
                  .divide(costs.baseline(), 2, RoundingMode.HALF_EVEN);
      System.out.printf(
          "cost $%s against an all-premium baseline of $%s: %s%% saved (routing $%s, dedupe $%s,"
              + " cache $%s)%n",
          money(costs.cost()),
          money(costs.baseline()),
          saving.toPlainString(),
          money(costs.routingSavings()),
          money(costs.dedupeSavings()),
          money(costs.cacheSavings()));
    }
  }

  private static Map<String, Long> share(List<Map<String, Object>> rows, String column) {
    return share(rows, row -> String.valueOf(row.get(column)));
  }

  private static Map<String, Long> share(
      List<Map<String, Object>> rows,
      java.util.function.Function<Map<String, Object>, String> key) {
    return rows.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
  }

  private static void print(String title, Map<String, Long> counts) {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    System.out.println(title + " (" + total + "):");
    counts.forEach(
        (key, count) ->
            System.out.printf(
                "  %-24s %7d  %5.1f%%%n", key, count, 100.0 * count / Math.max(1, total)));
  }

  private static String money(BigDecimal value) {
    return value.setScale(6, RoundingMode.HALF_EVEN).toPlainString();
  }
}
