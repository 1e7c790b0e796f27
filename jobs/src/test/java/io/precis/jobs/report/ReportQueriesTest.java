package io.precis.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.errors.PrecisException;
import io.precis.jobs.DeltaKernelReader;
import io.precis.jobs.report.ReportData.DailySpend;
import io.precis.jobs.report.ReportData.DocumentCost;
import io.precis.jobs.report.ReportData.Period;
import io.precis.jobs.report.ReportData.TierUsage;
import io.precis.jobs.spark.SparkSessions;
import io.precis.jobs.tables.TableSchemas;
import io.precis.testkit.sim.LlmSimulator;
import io.precis.testkit.sim.SimulatorOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The report over a warehouse the real job wrote (see {@link ReportWarehouse}), each figure checked
 * against the same sums made in Java over the rows that Delta Kernel, a second reader, reads.
 */
class ReportQueriesTest {
  private static final DeltaKernelReader READER = new DeltaKernelReader();

  @TempDir static Path directory;

  private static SparkSession spark;
  private static LlmSimulator simulator;
  private static Path warehouse;
  private static LocalDate today;

  @BeforeAll
  static void buildWarehouse() {
    simulator = LlmSimulator.start(SimulatorOptions.defaults());
    spark =
        SparkSessions.create(ReportWarehouse.settings(simulator).spark(), Optional.of("local[2]"));
    spark.sparkContext().setLogLevel("WARN");
    today = LocalDate.now(ZoneOffset.UTC);
    warehouse = ReportWarehouse.build(spark, simulator, directory);
  }

  @AfterAll
  static void stop() {
    spark.stop();
    simulator.close();
  }

  private static String uri() {
    return ReportCommand.warehouseUri(warehouse.toString());
  }

  private static List<Map<String, Object>> table(String name) {
    return READER.read(warehouse.resolve(name).toUri().toString());
  }

  private static LocalDate day(Map<String, Object> row) {
    return LocalDate.ofInstant((Instant) row.get("started_at"), ZoneOffset.UTC);
  }

  private static BigDecimal money(Map<String, Object> row, String column) {
    return (BigDecimal) row.get(column);
  }

  private static BigDecimal sum(List<Map<String, Object>> rows, String column) {
    return rows.stream().map(r -> money(r, column)).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void everyFigureIsTheExactSumOfTheRowsInThePeriod() {
    Period period = Period.endingOn(today, 56);
    ReportData data = ReportQueries.read(spark, uri(), period);

    Predicate<Map<String, Object>> inPeriod = row -> period.contains(day(row));
    List<Map<String, Object>> calls =
        table(TableSchemas.LLM_CALLS).stream().filter(inPeriod).toList();
    List<Map<String, Object>> jobs =
        table(TableSchemas.JOB_COSTS).stream().filter(inPeriod).toList();
    assertThat(jobs)
        .extracting(j -> j.get("job_id"))
        .containsExactlyInAnyOrder("job-support", "job-contracts");

    // Spend per feature per day.
    Map<String, BigDecimal> expectedSpend =
        calls.stream()
            .collect(
                Collectors.groupingBy(
                    c -> day(c) + " " + c.get("feature"),
                    TreeMap::new,
                    Collectors.reducing(
                        BigDecimal.ZERO, c -> money(c, "cost_usd"), BigDecimal::add)));
    assertThat(
            data.dailySpend().stream()
                .collect(Collectors.toMap(s -> s.day() + " " + s.feature(), DailySpend::cost)))
        .isEqualTo(expectedSpend);
    assertThat(data.dailySpend())
        .extracting(DailySpend::day)
        .contains(today, today.minusDays(3))
        .doesNotContain(today.minusDays(70));
    assertThat(data.spendByFeature().keySet())
        .containsExactlyInAnyOrder(ReportWarehouse.SUPPORT, ReportWarehouse.CONTRACTS);
    assertThat(data.callSpend()).isPositive().isEqualTo(sum(calls, "cost_usd"));

    // Savings: job_costs of the two jobs in the period, summed, to the last of 12 decimals.
    assertThat(data.savings().jobs()).isEqualTo(2);
    assertThat(data.savings().cost()).isEqualTo(sum(jobs, "cost_usd"));
    assertThat(data.savings().baseline()).isEqualTo(sum(jobs, "baseline_cost_usd"));
    assertThat(data.savings().routing()).isEqualTo(sum(jobs, "savings_routing_usd"));
    assertThat(data.savings().compression()).isEqualTo(sum(jobs, "savings_compression_usd"));
    assertThat(data.savings().cache()).isEqualTo(sum(jobs, "savings_cache_usd")).isZero();
    // The demo corpus repeats itself; no cache index was published.
    assertThat(data.savings().dedupe()).isEqualTo(sum(jobs, "savings_dedupe_usd")).isPositive();
    assertThat(data.savings().unattributed()).isZero();
    assertThat(data.savings().cost()).isEqualTo(data.callSpend()); // complete runs only
    assertThat(data.savings().percent())
        .hasValueSatisfying(
            p -> assertThat(p).isBetween(BigDecimal.valueOf(50), BigDecimal.valueOf(100)));

    // Tier mix: both tiers of the default cascade, with their calls, tokens and cost.
    assertThat(data.tiers())
        .extracting(TierUsage::tier)
        .containsExactlyInAnyOrder("cheap", "premium");
    for (TierUsage tier : data.tiers()) {
      List<Map<String, Object>> ofTier =
          calls.stream().filter(c -> c.get("tier").equals(tier.tier())).toList();
      assertThat(tier.calls()).isEqualTo(ofTier.size()).isPositive();
      assertThat(tier.failedCalls()).isZero();
      assertThat(tier.inputTokens())
          .isEqualTo(ofTier.stream().mapToLong(c -> (Long) c.get("input_tokens")).sum());
      assertThat(tier.outputTokens())
          .isEqualTo(ofTier.stream().mapToLong(c -> (Long) c.get("output_tokens")).sum());
      assertThat(tier.cost()).isEqualTo(sum(ofTier, "cost_usd"));
      assertThat(tier.modelKey()).isIn("ollama/llama3.2:3b", "openai/gpt-4o");
    }
    assertThat(data.tiers().get(0).cost()).isGreaterThanOrEqualTo(data.tiers().get(1).cost());

    // The costliest documents, named by documents.uri, the odd file name among them.
    Map<Object, String> uris =
        table(TableSchemas.DOCUMENTS).stream()
            .collect(Collectors.toMap(d -> d.get("doc_id"), d -> (String) d.get("uri")));
    Map<Object, BigDecimal> byDocument =
        calls.stream()
            .collect(
                Collectors.groupingBy(
                    c -> c.get("doc_id"),
                    Collectors.reducing(
                        BigDecimal.ZERO, c -> money(c, "cost_usd"), BigDecimal::add)));
    List<Object> expectedOrder =
        byDocument.entrySet().stream()
            .sorted(
                Map.Entry.<Object, BigDecimal>comparingByValue()
                    .reversed()
                    .thenComparing(e -> (String) e.getKey()))
            .limit(ReportQueries.COSTLIEST_DOCUMENTS)
            .map(Map.Entry::getKey)
            .toList();
    assertThat(byDocument).hasSizeGreaterThan(ReportQueries.COSTLIEST_DOCUMENTS);
    assertThat(data.costliestDocuments()).extracting(DocumentCost::docId).isEqualTo(expectedOrder);
    for (DocumentCost document : data.costliestDocuments()) {
      assertThat(document.cost()).isEqualTo(byDocument.get(document.docId()));
      assertThat(document.uri()).contains(uris.get(document.docId()));
      assertThat(document.status()).contains("SUMMARIZED");
    }
    assertThat(data.costliestDocuments())
        .isSortedAccordingTo(Comparator.comparing(DocumentCost::cost).reversed());
  }

  @Test
  void aShorterPeriodLeavesOutTheOlderJob() {
    ReportData lastDay = ReportQueries.read(spark, uri(), Period.endingOn(today, 1));
    assertThat(lastDay.savings().jobs()).isEqualTo(1);
    assertThat(lastDay.spendByFeature().keySet()).containsExactly(ReportWarehouse.SUPPORT);
    BigDecimal supportCost =
        table(TableSchemas.JOB_COSTS).stream()
            .filter(j -> j.get("job_id").equals("job-support"))
            .map(j -> money(j, "cost_usd"))
            .findFirst()
            .orElseThrow();
    assertThat(lastDay.savings().cost()).isEqualTo(supportCost);

    ReportData year = ReportQueries.read(spark, uri(), Period.endingOn(today, 366));
    assertThat(year.savings().jobs()).isEqualTo(3);
  }

  @Test
  void theCommandWritesThePageAndPrintsTheSameFigures() throws Exception {
    Path output = Path.of("target", "precis-report", "spark-report.html");
    ReportCommand command = new ReportCommand();
    StringWriter out = new StringWriter();
    CommandLine commandLine = new CommandLine(command);
    commandLine.setOut(new PrintWriter(out));
    commandLine.parseArgs("--warehouse", warehouse.toString(), "--output", output.toString());
    command.clock = Clock.systemUTC();

    assertThat(command.report(spark, uri(), command.period())).isZero();

    ReportData data = ReportQueries.read(spark, uri(), Period.endingOn(today, 56));
    String page = Files.readString(output);
    assertThat(page).isEqualTo(HtmlReport.render(data));
    Document dom = Jsoup.parse(page);
    assertThat(new BigDecimal(dom.selectFirst("#headline-cost .value").attr("data-usd")))
        .isEqualTo(data.savings().cost());
    assertThat(dom.select("section#documents td.uri").eachText())
        .anySatisfy(uri -> assertThat(uri).endsWith("Q3%20%3Cdraft%3E%20&%20'notes'.txt"));
    assertThat(out.toString())
        .startsWith(TextSummary.render(data))
        .endsWith("Report: " + output.toAbsolutePath().normalize() + System.lineSeparator());
    String cost = dom.selectFirst("#headline-cost .value").text();
    assertThat(out.toString()).containsPattern("\n  cost +\\Q" + cost + "\\E\n");
  }

  @Test
  void aWarehouseWithoutTheTablesIsOneLineThatSaysToRunAJob() throws Exception {
    Path empty = Files.createDirectories(directory.resolve("empty-warehouse"));
    String uri = ReportCommand.warehouseUri(empty.toString());
    assertThatThrownBy(() -> ReportQueries.read(spark, uri, Period.endingOn(today, 56)))
        .isInstanceOf(PrecisException.class)
        .hasMessageStartingWith(
            "No precis tables to report on at "
                + uri
                + " (missing: llm_calls, job_costs, documents).")
        .hasMessageNotContaining("\n");
  }
}
