package io.precis.jobs.rollup;

import io.precis.core.cost.Money;
import io.precis.core.util.Hashes;
import io.precis.jobs.tables.TableSchemas;
import io.precis.jobs.tables.TableWriter;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Eight weeks of llm_calls rows for two features, written as the summarize job writes them.
 *
 * <p>support-bot spends {@link SyntheticSpend}'s usual week, twice that from Monday to Wednesday of
 * week 6: its alert fires on that Tuesday and clears on Friday. search spends half the usual week,
 * twice that from week 7 on: it fires on the Tuesday of week 7 and is still firing at the end. Each
 * feature's day is five calls over two tenants and two tiers, one of them failed, one at 00:00 and
 * one at 23:59:59.999999 UTC, and one costing a single 1e-12 USD, so that only exact sums by UTC
 * day come out right.
 */
final class SyntheticCalls {
  static final BigDecimal PICO = new BigDecimal("0.000000000001");

  /** One call, with what the rollup groups and sums. */
  record Call(
      LocalDate day,
      LocalTime time,
      String feature,
      String tenant,
      String provider,
      String model,
      String tier,
      boolean failed,
      long inputTokens,
      long outputTokens,
      long cachedInputTokens,
      BigDecimal cost) {}

  private SyntheticCalls() {}

  /** The daily spend of a feature (USD) on day {@code index} of the eight weeks. */
  static BigDecimal spend(String feature, LocalDate start, int index) {
    BigDecimal usual = SyntheticSpend.usual(start.plusDays(index));
    if (feature.equals("support-bot")) {
      boolean high = index >= SyntheticSpend.index(6, 1) && index <= SyntheticSpend.index(6, 3);
      return high ? usual.multiply(BigDecimal.valueOf(2)) : usual;
    }
    BigDecimal half = usual.divide(BigDecimal.valueOf(2));
    return index >= SyntheticSpend.index(7, 1) ? half.multiply(BigDecimal.valueOf(2)) : half;
  }

  static List<Call> calls(LocalDate start) {
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < SyntheticSpend.DAYS; i++) {
      LocalDate day = start.plusDays(i);
      for (String feature : List.of("support-bot", "search")) {
        BigDecimal spend = spend(feature, start, i);
        BigDecimal tenth = spend.multiply(new BigDecimal("0.1"));
        calls.add(cheap(day, LocalTime.MIDNIGHT, feature, false, 1000 + i, PICO));
        calls.add(cheap(day, LocalTime.MAX, feature, false, 800, tenth.subtract(PICO)));
        calls.add(cheap(day, LocalTime.NOON, feature, true, 0, BigDecimal.ZERO));
        calls.add(
            new Call(
                day,
                LocalTime.of(8, 0),
                feature,
                "acme",
                "openai",
                "gpt-4o",
                "premium",
                false,
                3000,
                400,
                1024,
                spend.multiply(new BigDecimal("0.5"))));
        calls.add(
            new Call(
                day,
                LocalTime.of(16, 30),
                feature,
                "globex",
                "openai",
                "gpt-4o",
                "premium",
                false,
                2500 + i,
                300,
                512,
                spend.multiply(new BigDecimal("0.4"))));
      }
    }
    return calls;
  }

  private static Call cheap(
      LocalDate day, LocalTime time, String feature, boolean failed, long input, BigDecimal cost) {
    return new Call(
        day,
        time,
        feature,
        "acme",
        "ollama",
        "llama3.2:3b",
        "cheap",
        failed,
        input,
        failed ? 0 : 200,
        0,
        cost);
  }

  /** Appends the calls to {@code <warehouse>/llm_calls}. */
  static void write(SparkSession spark, String warehouse, List<Call> calls) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      Call call = calls.get(i);
      rows.add(
          RowFactory.create(
              Hashes.sha256Prefix(32, "call", String.valueOf(i)),
              Hashes.sha256Prefix(24, "request", String.valueOf(i)),
              "job-" + call.day(),
              Hashes.sha256Prefix(32, "doc", String.valueOf(i / 5)),
              null,
              "DOC_REDUCE",
              call.provider(),
              call.model(),
              call.tier(),
              "doc-reduce/v1",
              call.inputTokens(),
              call.outputTokens(),
              call.cachedInputTokens(),
              120L,
              Money.of(call.cost()),
              call.failed() ? "FAILED" : "OK",
              call.failed() ? "PROVIDER_TIMEOUT" : null,
              call.failed() ? "no answer within 30s" : null,
              1,
              call.feature(),
              call.tenant(),
              null,
              Timestamp.from(call.day().atTime(call.time()).toInstant(ZoneOffset.UTC)),
              null));
    }
    spark
        .createDataFrame(rows, TableSchemas.LLM_CALLS_SCHEMA)
        .write()
        .format("delta")
        .mode(SaveMode.Append)
        .save(TableWriter.tablePath(warehouse, TableSchemas.LLM_CALLS));
  }
}
