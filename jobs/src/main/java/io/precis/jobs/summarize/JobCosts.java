package io.precis.jobs.summarize;

import io.precis.core.config.LlmSettings;
import io.precis.core.cost.Money;
import io.precis.core.cost.PriceTable;
import io.precis.core.model.JobContext;
import io.precis.core.model.LlmCallRecord;
import io.precis.core.model.Resolution;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The cost account of one job: counts per resolution, calls, tokens and exact cost per class of
 * tier, and the all-premium baseline, built by folding every call and chunk into it. The arithmetic
 * is written down in docs/costs.md.
 */
public final class JobCosts implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Calls, tokens and cost of one class of tier. */
  public static final class TierTotals implements Serializable {
    private static final long serialVersionUID = 1L;
    long calls;
    long inputTokens;
    long outputTokens;
    BigDecimal cost = Money.ZERO;

    void add(TierTotals other) {
      calls += other.calls;
      inputTokens += other.inputTokens;
      outputTokens += other.outputTokens;
      cost = cost.add(other.cost);
    }

    public long calls() {
      return calls;
    }

    public long inputTokens() {
      return inputTokens;
    }

    public long outputTokens() {
      return outputTokens;
    }

    public BigDecimal cost() {
      return cost;
    }
  }

  final Map<Resolution, Long> chunks = new EnumMap<>(Resolution.class);
  final TierTotals cheap = new TierTotals();
  final TierTotals premium = new TierTotals();

  /** The calls made, each priced on the baseline tier. */
  BigDecimal callsBaseline = Money.ZERO;

  /** What the tokens cleaning removed would have cost as input on the baseline tier. */
  BigDecimal compression = Money.ZERO;

  /** The calls the cache made unnecessary, priced on the baseline tier. */
  BigDecimal cache = Money.ZERO;

  /** The calls dedupe made unnecessary, priced on the baseline tier. */
  BigDecimal dedupe = Money.ZERO;

  long removedTokens;
  long failedCalls;

  /** Counts a resolved (or unresolved) chunk. */
  public JobCosts addChunk(Resolution resolution) {
    chunks.merge(resolution, 1L, Long::sum);
    return this;
  }

  /**
   * Adds a call. A successful call adds its cost to its tier class and, priced on the baseline
   * tier, to the baseline; a failed call is counted but cost nothing.
   */
  public JobCosts addCall(LlmCallRecord call, LlmSettings llm, PriceTable prices) {
    if (!call.ok()) {
      failedCalls++;
      return this;
    }
    TierTotals totals = call.tier().equals(llm.mostCapable().name()) ? premium : cheap;
    totals.calls++;
    totals.inputTokens += call.usage().inputTokens();
    totals.outputTokens += call.usage().outputTokens();
    totals.cost = totals.cost.add(call.costUsd());
    var baselineTier = llm.baseline();
    var day = call.startedAt().atZone(ZoneOffset.UTC).toLocalDate();
    callsBaseline =
        callsBaseline.add(
            prices
                .require(baselineTier.modelKey(), baselineTier.name(), day)
                .cost(call.usage(), false));
    return this;
  }

  /**
   * Adds the tokens cleaning removed from a document: without cleaning they would have been sent as
   * input, so they are priced as input on the baseline tier, on the given day.
   */
  public JobCosts addRemovedTokens(
      long tokens, LlmSettings llm, PriceTable prices, java.time.LocalDate day) {
    var baselineTier = llm.baseline();
    removedTokens += tokens;
    compression =
        compression.add(
            prices
                .require(baselineTier.modelKey(), baselineTier.name(), day)
                .cost(new io.precis.core.cost.TokenUsage(tokens, 0, 0), false));
    return this;
  }

  /**
   * Adds the call a CACHE_HIT or DUPLICATE chunk did not make, at its estimated cost on the
   * baseline tier: without the cache and dedupe it would have been made.
   */
  public JobCosts addAvoided(Resolution resolution, BigDecimal baselineCost) {
    switch (resolution) {
      case CACHE_HIT -> cache = cache.add(baselineCost);
      case DUPLICATE -> dedupe = dedupe.add(baselineCost);
      default -> throw new IllegalArgumentException(resolution + " avoids no call");
    }
    return this;
  }

  public JobCosts merge(JobCosts other) {
    other.chunks.forEach((resolution, count) -> chunks.merge(resolution, count, Long::sum));
    cheap.add(other.cheap);
    premium.add(other.premium);
    callsBaseline = callsBaseline.add(other.callsBaseline);
    compression = compression.add(other.compression);
    cache = cache.add(other.cache);
    dedupe = dedupe.add(other.dedupe);
    removedTokens += other.removedTokens;
    failedCalls += other.failedCalls;
    return this;
  }

  public long chunks(Resolution resolution) {
    return chunks.getOrDefault(resolution, 0L);
  }

  public long totalChunks() {
    return chunks.values().stream().mapToLong(Long::longValue).sum();
  }

  public TierTotals cheap() {
    return cheap;
  }

  public TierTotals premium() {
    return premium;
  }

  public long failedCalls() {
    return failedCalls;
  }

  public BigDecimal cost() {
    return cheap.cost.add(premium.cost);
  }

  /**
   * Every call on the baseline tier, the calls the cache and dedupe made unnecessary, and the input
   * that cleaning removed.
   */
  public BigDecimal baseline() {
    return callsBaseline.add(compression).add(cache).add(dedupe);
  }

  public BigDecimal savings() {
    return baseline().subtract(cost());
  }

  /** Saving by routing: the calls priced on the baseline tier, less what they cost. */
  public BigDecimal routingSavings() {
    return callsBaseline.subtract(cost());
  }

  /** Saving by the cache: its hits' calls, estimated on the baseline tier. */
  public BigDecimal cacheSavings() {
    return cache;
  }

  /** Saving by dedupe: its duplicates' calls, estimated on the baseline tier. */
  public BigDecimal dedupeSavings() {
    return dedupe;
  }

  /** Saving by cleaning: the removed tokens as input on the baseline tier. */
  public BigDecimal compressionSavings() {
    return compression;
  }

  public long removedTokens() {
    return removedTokens;
  }

  /** Saving as a percentage of the baseline, null when the baseline is zero. */
  public Double savingsPercent() {
    if (baseline().signum() == 0) {
      return null;
    }
    return savings()
        .multiply(BigDecimal.valueOf(100))
        .divide(baseline(), 4, RoundingMode.HALF_EVEN)
        .doubleValue();
  }

  /** The job_costs row. */
  public Row row(
      JobContext job,
      Instant started,
      Instant finished,
      String status,
      long docs,
      long docsFailed,
      long docsSkipped) {
    return RowFactory.create(
        job.jobId(),
        job.feature(),
        job.tenant(),
        Timestamp.from(started),
        Timestamp.from(finished),
        status,
        docs,
        docsFailed,
        docsSkipped,
        removedTokens,
        totalChunks(),
        chunks(Resolution.CACHE_HIT),
        chunks(Resolution.DUPLICATE),
        chunks(Resolution.CHEAP),
        chunks(Resolution.PREMIUM),
        chunks(Resolution.UNRESOLVED),
        chunks(Resolution.FAILED),
        cheap.calls,
        cheap.inputTokens,
        cheap.outputTokens,
        cheap.cost,
        premium.calls,
        premium.inputTokens,
        premium.outputTokens,
        premium.cost,
        cost(),
        baseline(),
        savings(),
        savingsPercent(),
        cache,
        dedupe,
        routingSavings(),
        compression);
  }
}
