package io.precis.jobs.report;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@code precis report} shows, for one period of UTC days: spend per feature per day, the
 * saving by technique, the tier mix and the costliest documents. Every amount is exact, in US
 * dollars, as the tables hold it; {@link ReportQueries} reads it from the tables, {@link
 * HtmlReport} and {@link TextSummary} render it.
 *
 * @param dailySpend one entry per day and feature that had calls, from {@code llm_calls}
 * @param savings {@code job_costs} summed over the jobs that started in the period
 * @param tiers one entry per tier and model that had calls, costliest first
 * @param costliestDocuments the documents whose calls cost the most, costliest first
 */
public record ReportData(
    Period period,
    List<DailySpend> dailySpend,
    Savings savings,
    List<TierUsage> tiers,
    List<DocumentCost> costliestDocuments) {

  public ReportData {
    requireNonNull(period, "period is null");
    requireNonNull(savings, "savings is null");
    dailySpend = List.copyOf(dailySpend);
    tiers = List.copyOf(tiers);
    costliestDocuments = List.copyOf(costliestDocuments);
    for (DailySpend spend : dailySpend) {
      if (!period.contains(spend.day())) {
        throw new IllegalArgumentException(spend.day() + " is outside " + period);
      }
    }
  }

  /** What the calls in the period cost: the sum of {@code llm_calls.cost_usd}. */
  public BigDecimal callSpend() {
    return sum(dailySpend.stream().map(DailySpend::cost));
  }

  /** Calls made in the period, successful or not. */
  public long calls() {
    return tiers.stream().mapToLong(t -> t.calls() + t.failedCalls()).sum();
  }

  /** Calls in the period that failed (they cost nothing). */
  public long failedCalls() {
    return tiers.stream().mapToLong(TierUsage::failedCalls).sum();
  }

  /** Each feature with what its calls cost in the period, the costliest first, then by name. */
  public Map<String, BigDecimal> spendByFeature() {
    Map<String, BigDecimal> totals = new LinkedHashMap<>();
    dailySpend.stream()
        .sorted(Comparator.comparing(DailySpend::feature))
        .forEach(s -> totals.merge(s.feature(), s.cost(), BigDecimal::add));
    Map<String, BigDecimal> ordered = new LinkedHashMap<>();
    totals.entrySet().stream()
        .sorted(
            Map.Entry.<String, BigDecimal>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    return ordered;
  }

  static BigDecimal sum(Stream<BigDecimal> amounts) {
    return amounts.reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** UTC days, both ends included. */
  public record Period(LocalDate first, LocalDate last) {
    public Period {
      requireNonNull(first, "first is null");
      requireNonNull(last, "last is null");
      if (last.isBefore(first)) {
        throw new IllegalArgumentException("period ends (" + last + ") before it starts " + first);
      }
    }

    /** The {@code days} days that end with {@code last}. */
    public static Period endingOn(LocalDate last, int days) {
      if (days < 1) {
        throw new IllegalArgumentException("days must be at least 1 but is " + days);
      }
      return new Period(last.minusDays(days - 1L), last);
    }

    public int days() {
      return (int) ChronoUnit.DAYS.between(first, last) + 1;
    }

    public boolean contains(LocalDate day) {
      return !day.isBefore(first) && !day.isAfter(last);
    }

    /** Every day of the period, in order. */
    public List<LocalDate> dates() {
      return first.datesUntil(last.plusDays(1)).toList();
    }
  }

  /** What the calls of one feature cost on one UTC day, failed calls included (at 0). */
  public record DailySpend(LocalDate day, String feature, long calls, BigDecimal cost) {
    public DailySpend {
      requireNonNull(day, "day is null");
      requireNonNull(feature, "feature is null");
      requireNonNull(cost, "cost is null");
    }
  }

  /**
   * {@code job_costs} summed over the jobs that started in the period.
   *
   * @param cost the sum of {@code cost_usd}
   * @param baseline the sum of {@code baseline_cost_usd}: every call on the baseline tier
   * @param routing the sum of {@code savings_routing_usd}
   * @param compression the sum of {@code savings_compression_usd}
   * @param cache the sum of {@code savings_cache_usd}
   * @param dedupe the sum of {@code savings_dedupe_usd}
   */
  public record Savings(
      long jobs,
      BigDecimal cost,
      BigDecimal baseline,
      BigDecimal routing,
      BigDecimal compression,
      BigDecimal cache,
      BigDecimal dedupe) {
    public Savings {
      requireNonNull(cost, "cost is null");
      requireNonNull(baseline, "baseline is null");
      requireNonNull(routing, "routing is null");
      requireNonNull(compression, "compression is null");
      requireNonNull(cache, "cache is null");
      requireNonNull(dedupe, "dedupe is null");
    }

    /** Baseline less cost; negative when the tiers used cost more than the baseline. */
    public BigDecimal total() {
      return baseline.subtract(cost);
    }

    /**
     * What the four techniques do not account for: zero when every job's columns add up, as
     * docs/costs.md says they do.
     */
    public BigDecimal unattributed() {
      return total().subtract(routing.add(compression).add(cache).add(dedupe));
    }

    /** The saving as a percentage of the baseline, to 4 decimals; empty when the baseline is 0. */
    public Optional<BigDecimal> percent() {
      if (baseline.signum() == 0) {
        return Optional.empty();
      }
      return Optional.of(
          total().multiply(BigDecimal.valueOf(100)).divide(baseline, 4, RoundingMode.HALF_EVEN));
    }
  }

  /**
   * The calls of one tier and model in the period.
   *
   * @param calls successful calls
   * @param failedCalls failed calls, which have no tokens and cost 0
   */
  public record TierUsage(
      String tier,
      String provider,
      String model,
      long calls,
      long failedCalls,
      long inputTokens,
      long outputTokens,
      BigDecimal cost) {
    public TierUsage {
      requireNonNull(tier, "tier is null");
      requireNonNull(provider, "provider is null");
      requireNonNull(model, "model is null");
      requireNonNull(cost, "cost is null");
    }

    /** {@code provider/model}, the key of the price table. */
    public String modelKey() {
      return provider + "/" + model;
    }

    public long tokens() {
      return inputTokens + outputTokens;
    }
  }

  /**
   * A document and what its calls in the period cost.
   *
   * @param uri from {@code documents}; empty when that table has no row for the document
   * @param status from {@code documents}, e.g. SUMMARIZED; empty likewise
   */
  public record DocumentCost(
      String docId,
      Optional<String> uri,
      Optional<String> status,
      long calls,
      long tokens,
      BigDecimal cost) {
    public DocumentCost {
      requireNonNull(docId, "docId is null");
      requireNonNull(uri, "uri is null");
      requireNonNull(status, "status is null");
      requireNonNull(cost, "cost is null");
    }
  }
}
