package io.precis.jobs.cli;

import io.precis.core.config.PrecisSettings;
import io.precis.core.model.Resolution;
import io.precis.jobs.summarize.EstimateJob;
import io.precis.jobs.summarize.JobCosts;
import io.precis.jobs.summarize.JobResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** The cost table printed at the end of a job. */
final class CostReport {
  private CostReport() {}

  static String render(JobResult result, PrecisSettings settings) {
    JobCosts costs = result.costs();
    StringBuilder out = new StringBuilder();
    line(out, "");
    boolean estimate = result.status().equals(EstimateJob.STATUS);
    if (estimate) {
      line(
          out,
          "Estimate for job %s (feature %s, tenant %s) in %s: no model was called, no table"
              + " written",
          result.job().jobId(),
          result.job().feature(),
          result.job().tenant(),
          seconds(result.wallTime().toMillis()));
    } else {
      line(
          out,
          "Job %s (feature %s, tenant %s): %s in %s",
          result.job().jobId(),
          result.job().feature(),
          result.job().tenant(),
          result.status(),
          seconds(result.wallTime().toMillis()));
    }
    line(
        out,
        "Documents: %d (%d parsed, %d failed), %d %s; %d unchanged since an earlier run",
        result.documents(),
        result.documents() - result.documentsFailed(),
        result.documentsFailed(),
        result.documentSummaries(),
        estimate ? "to summarize" : "summarized",
        result.documentsSkipped());
    line(
        out,
        "Chunks:    %d (cache %d, duplicate %d, cheap %d, premium %d, unresolved %d)",
        costs.totalChunks(),
        costs.chunks(Resolution.CACHE_HIT),
        costs.chunks(Resolution.DUPLICATE),
        costs.chunks(Resolution.CHEAP),
        costs.chunks(Resolution.PREMIUM),
        costs.chunks(Resolution.UNRESOLVED));
    line(out, "");
    line(
        out,
        "  %-34s %7s %12s %12s %14s",
        "tier",
        "calls",
        "input tok",
        "output tok",
        "cost (USD)");
    String cheapModels =
        settings.llm().cascade().stream()
            .limit(Math.max(1, settings.llm().cascade().size() - 1))
            .map(name -> settings.llm().tier(name).modelKey())
            .reduce((a, b) -> a + ", " + b)
            .orElse("");
    tier(out, "cheap (" + cheapModels + ")", costs.cheap());
    tier(out, "premium (" + settings.llm().mostCapable().modelKey() + ")", costs.premium());
    line(
        out,
        "  %-34s %7d %12d %12d %14s",
        "total",
        costs.cheap().calls() + costs.premium().calls(),
        costs.cheap().inputTokens() + costs.premium().inputTokens(),
        costs.cheap().outputTokens() + costs.premium().outputTokens(),
        money(costs.cost()));
    line(out, "");
    line(
        out,
        "  %-62s %14s",
        "all-premium baseline (every call on " + settings.llm().baseline().modelKey() + ")",
        money(costs.baseline()));
    line(
        out,
        "  %-62s %14s",
        "  of which the " + costs.removedTokens() + " tokens that cleaning removed",
        money(costs.compressionSavings()));
    if (costs.chunks(Resolution.CACHE_HIT) > 0) {
      line(
          out,
          "  %-62s %14s",
          "  of which the " + costs.chunks(Resolution.CACHE_HIT) + " chunks the cache served",
          money(costs.cacheSavings()));
    }
    if (costs.chunks(Resolution.DUPLICATE) > 0) {
      line(
          out,
          "  %-62s %14s",
          "  of which the " + costs.chunks(Resolution.DUPLICATE) + " duplicate chunks",
          money(costs.dedupeSavings()));
    }
    Double percent = costs.savingsPercent();
    line(
        out,
        "  %-62s %14s",
        "saving" + (percent == null ? "" : String.format(Locale.ROOT, " (%.1f%%)", percent)),
        money(costs.savings()));
    if (costs.failedCalls() > 0) {
      line(
          out,
          "  %d calls failed (llm_calls.error_code says why): their chunks or document summaries"
              + " are left unresolved, for a later run.",
          costs.failedCalls());
    }
    line(out, "");
    if (estimate) {
      line(
          out,
          "Answers are counted as long as the prompts ask for; a model that writes more costs"
              + " more. `precis run --budget USD` holds a run to a budget.");
    } else {
      line(
          out,
          "Tables (Delta): %s/{documents,chunks,doc_summaries,cache_entries,llm_calls,job_costs}",
          result.warehouse());
    }
    return out.toString();
  }

  private static void tier(StringBuilder out, String label, JobCosts.TierTotals totals) {
    line(
        out,
        "  %-34s %7d %12d %12d %14s",
        label.length() > 34 ? label.substring(0, 31) + "..." : label,
        totals.calls(),
        totals.inputTokens(),
        totals.outputTokens(),
        money(totals.cost()));
  }

  /** Dollars to six decimals: small jobs cost fractions of a cent. */
  static String money(BigDecimal amount) {
    return "$" + amount.setScale(6, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
