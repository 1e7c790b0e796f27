package io.precis.jobs.rollup;

import static io.precis.jobs.rollup.SyntheticSpend.index;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.precis.core.config.AlertSettings;
import io.precis.core.config.SparkSettings;
import io.precis.core.errors.PrecisException;
import io.precis.jobs.DeltaKernelReader;
import io.precis.jobs.rollup.SyntheticCalls.Call;
import io.precis.jobs.spark.SparkSessions;
import io.precis.jobs.tables.TableWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cost-rollup on local[2] over eight weeks of synthetic llm_calls, with every table read back by
 * Delta Kernel and a real HTTP receiver for the webhook. The session's time zone is UTC+14, so a
 * rollup that grouped by the session's day instead of the UTC day would move calls.
 */
class CostRollupJobTest {
  private static final LocalDate START = SyntheticSpend.START;
  private static final Clock AFTER_EIGHT_WEEKS =
      Clock.fixed(START.plusDays(56).atTime(6, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
  private static final AlertSettings ALERTS =
      new AlertSettings(4, 1.5, 2, 1.2, 2, new BigDecimal("1.00"), "");
  private static final DeltaKernelReader KERNEL = new DeltaKernelReader();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static SparkSession spark;
  private static WebhookReceiver receiver;

  @TempDir Path directory;
  private final List<String> progress = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    spark =
        SparkSessions.create(
            new SparkSettings("local[2]", "rollup-test", 0, Map.of()), Optional.of("local[2]"));
    spark.sparkContext().setLogLevel("WARN");
    spark.conf().set("spark.sql.session.timeZone", "Pacific/Kiritimati");
    receiver = new WebhookReceiver();
  }

  @AfterAll
  static void stop() {
    spark.stop();
    receiver.close();
  }

  @BeforeEach
  void clearReceiver() {
    receiver.requests.clear();
    receiver.refuse(body -> false);
  }

  private String warehouseWithCalls(List<Call> calls) throws IOException {
    String warehouse = Files.createDirectories(directory.resolve("warehouse")).toUri().toString();
    warehouse = warehouse.substring(0, warehouse.length() - 1);
    SyntheticCalls.write(spark, warehouse, calls);
    return warehouse;
  }

  private RollupResult rollup(String warehouse, Optional<AlertNotifier> notifier) {
    return new CostRollupJob(spark, ALERTS, notifier, AFTER_EIGHT_WEEKS, progress::add)
        .run(warehouse);
  }

  private static List<Map<String, Object>> table(String warehouse, String name) {
    return KERNEL.read(TableWriter.tablePath(warehouse, name));
  }

  @Test
  void dailyAndWeeklyCostsAreExactSumsByUtcDayAndIsoWeek() throws IOException {
    List<Call> calls = SyntheticCalls.calls(START);
    String warehouse = warehouseWithCalls(calls);

    RollupResult result = rollup(warehouse, Optional.empty());

    assertThat(KERNEL.columns(TableWriter.tablePath(warehouse, RollupTables.DAILY_COSTS)))
        .containsExactlyEntriesOf(columns("day"));
    assertThat(KERNEL.columns(TableWriter.tablePath(warehouse, RollupTables.WEEKLY_COSTS)))
        .containsExactlyEntriesOf(columns("week_start"));

    List<Map<String, Object>> daily = table(warehouse, RollupTables.DAILY_COSTS);
    Map<String, Totals> expectedDaily = expected(calls, Call::day);
    assertThat(daily).hasSize(56 * 2 * 3).hasSize(expectedDaily.size());
    assertSums(daily, "day", expectedDaily);

    List<Map<String, Object>> weekly = table(warehouse, RollupTables.WEEKLY_COSTS);
    Map<String, Totals> expectedWeekly =
        expected(
            calls, c -> c.day().with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)));
    assertThat(weekly).hasSize(8 * 2 * 3).hasSize(expectedWeekly.size());
    assertSums(weekly, "week_start", expectedWeekly);

    // One day of one group, spelled out: the 1e-12 call and the one at 23:59:59.999999 UTC are in.
    LocalDate tuesday = START.plusDays(index(6, 2));
    Map<String, Object> cheap =
        daily.stream()
            .filter(r -> r.get("day").equals(tuesday) && r.get("feature").equals("support-bot"))
            .filter(r -> r.get("tier").equals("cheap"))
            .findFirst()
            .orElseThrow();
    assertThat(cheap.get("calls")).isEqualTo(3L);
    assertThat(cheap.get("failed_calls")).isEqualTo(1L);
    assertThat((BigDecimal) cheap.get("cost_usd")).isEqualTo(new BigDecimal("2.200000000000"));
    BigDecimal total =
        daily.stream()
            .map(r -> (BigDecimal) r.get("cost_usd"))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal calledFor = calls.stream().map(Call::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(total).isEqualByComparingTo(calledFor);

    assertThat(result.days()).isEqualTo(56);
    assertThat(result.features()).isEqualTo(2);
    assertThat(result.dailyRows()).isEqualTo(336);
    assertThat(result.weeklyRows()).isEqualTo(48);
    assertThat(result.evaluatedThrough()).isEqualTo(START.plusDays(55));
    // Without a webhook, every change of state goes straight to the table.
    assertThat(table(warehouse, RollupTables.ALERTS)).hasSize(3);
    assertThat(result.notifier()).isEmpty();
    assertThat(RollupReport.render(result))
        .isEqualTo(
            "precis: rolled up 56 days of 2 features: 336 daily_costs rows, 48 weekly_costs rows\n"
                + "precis: alerts through 2026-11-01: 2 fired, 1 cleared in this run; firing now:"
                + " search\n"
                + "precis: no webhook configured (alerts.webhook-url); alerts are in the table\n");
  }

  @Test
  void eachChangeOfStateIsPostedOnceAcrossRuns() throws IOException {
    String warehouse = warehouseWithCalls(SyntheticCalls.calls(START));
    AlertNotifier webhook = new WebhookNotifier(receiver.url());

    RollupResult first = rollup(warehouse, Optional.of(webhook));

    assertThat(receiver.requests).hasSize(3);
    assertThat(receiver.requests)
        .allSatisfy(r -> assertThat(r.method()).isEqualTo("POST"))
        .allSatisfy(r -> assertThat(r.contentType()).isEqualTo("application/json"));
    List<JsonNode> bodies = bodies();
    assertThat(bodies)
        .extracting(
            b ->
                b.get("feature").asText()
                    + " "
                    + b.get("state").asText()
                    + " "
                    + b.get("day").asText())
        .containsExactly(
            "search FIRING 2026-10-20",
            "support-bot FIRING 2026-10-13",
            "support-bot OK 2026-10-16");
    JsonNode search = bodies.get(0);
    assertThat(search.get("alert").asText()).isEqualTo("spend");
    assertThat(search.get("spend_usd").asText()).isEqualTo("11.00");
    assertThat(search.get("baseline_usd").asText()).isEqualTo("5.50");
    assertThat(search.get("factor").isDouble()).isTrue();
    assertThat(search.get("factor").asDouble()).isEqualTo(2.0);
    assertThat(search.get("reason").asText()).startsWith("Spend was above 1.5 x its baseline");
    assertThat(bodies.get(2).get("spend_usd").asText()).isEqualTo("9.00");
    assertThat(first.fired()).isEqualTo(2);
    assertThat(first.cleared()).isEqualTo(1);
    assertThat(first.delivered()).isEqualTo(3);
    assertThat(first.failedDeliveries()).isZero();
    assertThat(first.firing()).containsExactly("search");

    List<Map<String, Object>> alerts = table(warehouse, RollupTables.ALERTS);
    assertThat(KERNEL.columns(TableWriter.tablePath(warehouse, RollupTables.ALERTS)).keySet())
        .containsExactly(
            "alert_id",
            "feature",
            "state",
            "day",
            "spend_usd",
            "baseline_usd",
            "factor",
            "reason",
            "evaluated_at");
    assertThat(alerts).hasSize(3);
    Map<String, Object> searchRow =
        alerts.stream().filter(a -> a.get("feature").equals("search")).findFirst().orElseThrow();
    assertThat(searchRow.get("alert_id")).isEqualTo(search.get("alert_id").asText());
    assertThat(searchRow.get("state")).isEqualTo("FIRING");
    assertThat(searchRow.get("day")).isEqualTo(LocalDate.of(2026, 10, 20));
    assertThat((BigDecimal) searchRow.get("spend_usd")).isEqualByComparingTo("11.00");
    assertThat((BigDecimal) searchRow.get("baseline_usd")).isEqualByComparingTo("5.50");
    assertThat(searchRow.get("factor")).isEqualTo(2.0);
    assertThat(searchRow.get("reason")).isEqualTo(search.get("reason").asText());
    assertThat(searchRow.get("evaluated_at")).isEqualTo(AFTER_EIGHT_WEEKS.instant());

    receiver.requests.clear();
    RollupResult second = rollup(warehouse, Optional.of(webhook));

    assertThat(receiver.requests).isEmpty();
    assertThat(table(warehouse, RollupTables.ALERTS)).hasSize(3);
    assertThat(table(warehouse, RollupTables.DAILY_COSTS)).hasSize(336);
    assertThat(second.fired() + second.cleared() + second.delivered()).isZero();
    assertThat(second.firing()).containsExactly("search");
  }

  @Test
  void aRefusedAlertIsNotRecordedAndTheNextRunSendsItAgainInOrder() throws IOException {
    String warehouse = warehouseWithCalls(SyntheticCalls.calls(START));
    AlertNotifier webhook = new WebhookNotifier(receiver.url());
    receiver.refuse(body -> body.contains("\"feature\":\"support-bot\""));

    RollupResult first = rollup(warehouse, Optional.of(webhook));

    // support-bot's fire was refused, so its clear waits too: the receiver never sees a clear
    // before its fire.
    assertThat(bodies())
        .extracting(b -> b.get("feature").asText() + " " + b.get("state").asText())
        .containsExactly("search FIRING", "support-bot FIRING");
    assertThat(table(warehouse, RollupTables.ALERTS))
        .extracting(a -> a.get("feature") + " " + a.get("state"))
        .containsExactly("search FIRING");
    assertThat(first.delivered()).isEqualTo(1);
    assertThat(first.failedDeliveries()).isEqualTo(1);
    assertThat(first.held()).isEqualTo(1);
    assertThat(progress)
        .contains(
            "warning: The alert webhook at "
                + receiver.url().replace("/hook", "/<redacted>") // the path may hold a secret
                + " did not accept the FIRING alert of feature 'support-bot' for 2026-10-13 (HTTP"
                + " 500: nope). The alert is not recorded, so the next precis rollup sends it"
                + " again; check alerts.webhook-url and that the receiver answers 2xx.");
    assertThat(RollupReport.render(first))
        .endsWith(
            "precis: alerts sent to "
                + receiver.url().replace("/hook", "/<redacted>")
                + ": 1 delivered, 1 failed, 2 to send again on the next run\n");

    receiver.requests.clear();
    receiver.refuse(body -> false);
    RollupResult second = rollup(warehouse, Optional.of(webhook));

    assertThat(bodies())
        .extracting(b -> b.get("feature").asText() + " " + b.get("state").asText())
        .containsExactly("support-bot FIRING", "support-bot OK");
    assertThat(table(warehouse, RollupTables.ALERTS)).hasSize(3);
    assertThat(second.delivered()).isEqualTo(2);
    assertThat(second.failedDeliveries()).isZero();
  }

  @Test
  void aWarehouseWithoutLlmCallsIsAnErrorThatSaysToRunAJobFirst() throws IOException {
    String empty = Files.createDirectories(directory.resolve("empty")).toUri().toString();

    assertThatThrownBy(() -> rollup(empty, Optional.empty()))
        .isInstanceOf(PrecisException.class)
        .hasMessage(
            "No llm_calls table in the warehouse at "
                + empty
                + ", so there is no spend to roll up. Run a job into it first (precis run --input"
                + " DIR --warehouse "
                + empty
                + ", or precis demo --warehouse "
                + empty
                + "), or pass the folder a job wrote to --warehouse.");
  }

  private List<JsonNode> bodies() {
    return receiver.requests.stream()
        .map(
            r -> {
              try {
                return JSON.readTree(r.body());
              } catch (IOException e) {
                throw new AssertionError(r.body(), e);
              }
            })
        .toList();
  }

  private static Map<String, String> columns(String period) {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put(period, "date");
    for (String key : RollupTables.KEYS) {
      columns.put(key, "string");
    }
    for (String measure :
        List.of("calls", "failed_calls", "input_tokens", "output_tokens", "cached_input_tokens")) {
      columns.put(measure, "long");
    }
    columns.put("cost_usd", "Decimal(24, 12)");
    return columns;
  }

  /** What one row of daily_costs or weekly_costs adds up. */
  record Totals(long calls, long failed, long input, long output, long cached, BigDecimal cost) {
    Totals plus(Call call) {
      return new Totals(
          calls + 1,
          failed + (call.failed() ? 1 : 0),
          input + call.inputTokens(),
          output + call.outputTokens(),
          cached + call.cachedInputTokens(),
          cost.add(call.cost()));
    }
  }

  private static String key(
      Object period, Object feature, Object tenant, Object provider, Object model, Object tier) {
    return String.join(
        "|",
        String.valueOf(period),
        String.valueOf(feature),
        String.valueOf(tenant),
        String.valueOf(provider),
        String.valueOf(model),
        String.valueOf(tier));
  }

  private static Map<String, Totals> expected(List<Call> calls, Function<Call, LocalDate> period) {
    return calls.stream()
        .collect(
            Collectors.toMap(
                c ->
                    key(
                        period.apply(c),
                        c.feature(),
                        c.tenant(),
                        c.provider(),
                        c.model(),
                        c.tier()),
                c -> new Totals(0, 0, 0, 0, 0, BigDecimal.ZERO).plus(c),
                (a, b) ->
                    new Totals(
                        a.calls + b.calls,
                        a.failed + b.failed,
                        a.input + b.input,
                        a.output + b.output,
                        a.cached + b.cached,
                        a.cost.add(b.cost))));
  }

  private static void assertSums(
      List<Map<String, Object>> rows, String period, Map<String, Totals> expected) {
    for (Map<String, Object> row : rows) {
      String key =
          key(
              row.get(period),
              row.get("feature"),
              row.get("tenant"),
              row.get("provider"),
              row.get("model"),
              row.get("tier"));
      Totals totals = expected.get(key);
      assertThat(totals).as(key).isNotNull();
      assertThat(row.get("calls")).as(key).isEqualTo(totals.calls());
      assertThat(row.get("failed_calls")).as(key).isEqualTo(totals.failed());
      assertThat(row.get("input_tokens")).as(key).isEqualTo(totals.input());
      assertThat(row.get("output_tokens")).as(key).isEqualTo(totals.output());
      assertThat(row.get("cached_input_tokens")).as(key).isEqualTo(totals.cached());
      assertThat((BigDecimal) row.get("cost_usd")).as(key).isEqualByComparingTo(totals.cost());
    }
  }
}
