package io.precis.jobs.report;

import io.precis.jobs.report.ReportData.TierUsage;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * The tier mix as three 100% bars, one each for successful calls, tokens (input and output) and
 * cost, split by tier and model in the same colors. Side by side they show what routing does: the
 * cheap tier takes most of the calls and tokens and little of the cost.
 */
final class TierMixChart {
  static final int WIDTH = 1040;

  private static final int LABELS = 90;
  private static final int TOTALS = 170;
  private static final int ROW = 42;
  private static final int BAR = 28;
  private static final int TOP = 6;
  private static final double MIN_LABELLED = 48;

  private TierMixChart() {}

  private record Measure(String name, Function<TierUsage, BigDecimal> value, String total) {}

  /** The chart's SVG followed by its legend, as HTML. */
  static String render(List<TierUsage> tiers, ReportFormat format) {
    BigDecimal cost = ReportData.sum(tiers.stream().map(TierUsage::cost));
    long calls = tiers.stream().mapToLong(TierUsage::calls).sum();
    long tokens = tiers.stream().mapToLong(TierUsage::tokens).sum();
    List<Measure> measures =
        List.of(
            new Measure(
                "Calls", t -> BigDecimal.valueOf(t.calls()), ReportFormat.count(calls) + " calls"),
            new Measure(
                "Tokens",
                t -> BigDecimal.valueOf(t.tokens()),
                ReportFormat.count(tokens) + " tokens"),
            new Measure("Cost", TierUsage::cost, format.money(cost)));
    Svg svg =
        new Svg(
            "tier-chart",
            WIDTH,
            TOP * 2 + measures.size() * ROW,
            "Tier mix: the share of each tier and model in calls, tokens and cost");
    double plotWidth = WIDTH - LABELS - TOTALS;
    for (int m = 0; m < measures.size(); m++) {
      Measure measure = measures.get(m);
      double y = TOP + m * ROW + (ROW - BAR) / 2.0;
      svg.text(LABELS - 10, y + BAR / 2.0 + 5, "end", "label", measure.name());
      BigDecimal whole = ReportData.sum(tiers.stream().map(measure.value()));
      svg.rect(LABELS, y, plotWidth, BAR, "#eef0f3", null);
      double x = LABELS;
      for (int t = 0; t < tiers.size(); t++) {
        TierUsage tier = tiers.get(t);
        BigDecimal share = ReportFormat.share(measure.value().apply(tier), whole);
        double width = share.doubleValue() / 100 * plotWidth;
        if (width <= 0) {
          continue;
        }
        svg.rect(
            x,
            y,
            width,
            BAR,
            Svg.color(t),
            tier.tier()
                + " ("
                + tier.modelKey()
                + "): "
                + ReportFormat.percent(share)
                + " of "
                + measure.name().toLowerCase(java.util.Locale.ROOT));
        if (width >= MIN_LABELLED) {
          svg.text(
              x + width / 2, y + BAR / 2.0 + 5, "middle", "inside", ReportFormat.percent(share));
        }
        x += width;
      }
      svg.text(LABELS + plotWidth + 10, y + BAR / 2.0 + 5, "start", "value", measure.total());
    }
    if (tiers.isEmpty()) {
      svg.text(
          LABELS + plotWidth / 2,
          TOP + ROW * 1.5 + 5,
          "middle",
          "empty",
          "No LLM calls in this period");
    }
    StringBuilder legend = new StringBuilder("<ul class=\"legend\">\n");
    for (int t = 0; t < tiers.size(); t++) {
      legend
          .append("<li><span class=\"swatch\" style=\"background:")
          .append(Svg.color(t))
          .append("\"></span>")
          .append(Html.escape(tiers.get(t).tier() + " (" + tiers.get(t).modelKey() + ")"))
          .append("</li>\n");
    }
    return svg.close() + legend.append("</ul>\n");
  }
}
