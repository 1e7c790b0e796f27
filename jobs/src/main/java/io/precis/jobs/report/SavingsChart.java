package io.precis.jobs.report;

import io.precis.jobs.report.ReportData.Savings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The saving by technique as a horizontal waterfall: the all-premium baseline on top, each
 * technique taking its saving off what is left (a technique that cost more than it saved adds to
 * it, in red), and the cost that was paid at the bottom. The steps close exactly, because the
 * baseline less the techniques' savings is the cost; a difference between them would show as a "not
 * attributed" step.
 */
final class SavingsChart {
  static final int WIDTH = 1040;

  private static final int LABELS = 210;
  private static final int VALUES = 250;
  private static final int ROW = 34;
  private static final int BAR = 20;
  private static final int TOP = 8;
  private static final int BOTTOM = 28;
  private static final String BASELINE_COLOR = "#8c96a3";
  private static final String COST_COLOR = "#4e79a7";
  private static final String SAVED_COLOR = "#59a14f";
  private static final String LOST_COLOR = "#e15759";

  private SavingsChart() {}

  /** One bar, from one running total to the next. */
  private record Step(String label, BigDecimal from, BigDecimal to, String color, String value) {}

  static String render(Savings savings, ReportFormat format) {
    List<Step> steps = steps(savings, format);
    BigDecimal low = BigDecimal.ZERO;
    BigDecimal high = BigDecimal.ZERO;
    for (Step step : steps) {
      low = low.min(step.from()).min(step.to());
      high = high.max(step.from()).max(step.to());
    }
    AxisTicks ticks = AxisTicks.covering(low, high, 5);
    int height = TOP + steps.size() * ROW + BOTTOM;
    double plotWidth = WIDTH - LABELS - VALUES;
    double bottom = TOP + steps.size() * ROW;
    Svg svg =
        new Svg(
            "savings-chart",
            WIDTH,
            height,
            "Savings by technique: the all-premium baseline, what each technique saved, the cost");
    for (BigDecimal tick : ticks.values()) {
      double x = LABELS + ticks.fraction(tick) * plotWidth;
      svg.line(x, TOP, x, bottom, tick.signum() == 0 ? "axis" : "grid");
      svg.text(x, bottom + 18, "middle", "tick", ticks.label(tick));
    }
    svg.line(LABELS, bottom, LABELS + plotWidth, bottom, "axis");
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      double y = TOP + i * ROW + (ROW - BAR) / 2.0;
      double from = LABELS + ticks.fraction(step.from()) * plotWidth;
      double to = LABELS + ticks.fraction(step.to()) * plotWidth;
      svg.text(LABELS - 10, y + BAR / 2.0 + 4, "end", "label", step.label());
      // A step of $0 still shows where it stands.
      double width = Math.max(Math.abs(to - from), 1.5);
      svg.rect(Math.min(from, to), y, width, BAR, step.color(), step.label() + ": " + step.value());
      svg.text(LABELS + plotWidth + 10, y + BAR / 2.0 + 4, "start", "value", step.value());
      if (i + 1 < steps.size()) {
        svg.line(to, y + BAR, to, y + ROW, "connector");
      }
    }
    return svg.close();
  }

  private static List<Step> steps(Savings savings, ReportFormat format) {
    List<Step> steps = new ArrayList<>();
    BigDecimal baseline = savings.baseline();
    steps.add(
        new Step(
            "All-premium baseline",
            BigDecimal.ZERO,
            baseline,
            BASELINE_COLOR,
            format.money(baseline)));
    BigDecimal running = baseline;
    List<String> names =
        new ArrayList<>(
            List.of(
                "Routing to cheaper tiers",
                "Cleaning (tokens removed)",
                "Semantic cache",
                "Dedupe"));
    List<BigDecimal> amounts =
        new ArrayList<>(
            List.of(savings.routing(), savings.compression(), savings.cache(), savings.dedupe()));
    if (savings.unattributed().signum() != 0) {
      names.add("Not attributed");
      amounts.add(savings.unattributed());
    }
    for (int i = 0; i < names.size(); i++) {
      BigDecimal amount = amounts.get(i);
      BigDecimal next = running.subtract(amount);
      String value =
          (amount.signum() < 0
                  ? "adds " + format.money(amount.negate())
                  : "saves " + format.money(amount))
              + " ("
              + ReportFormat.percent(ReportFormat.share(amount.abs(), baseline))
              + " of baseline)";
      steps.add(
          new Step(
              names.get(i), running, next, amount.signum() < 0 ? LOST_COLOR : SAVED_COLOR, value));
      running = next;
    }
    steps.add(
        new Step(
            "Cost paid",
            BigDecimal.ZERO,
            savings.cost(),
            COST_COLOR,
            format.money(savings.cost())
                + savings
                    .percent()
                    .map(p -> " (saved " + ReportFormat.percent(p) + ")")
                    .orElse("")));
    return steps;
  }
}
