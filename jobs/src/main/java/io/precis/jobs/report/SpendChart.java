package io.precis.jobs.report;

import io.precis.jobs.report.ReportData.DailySpend;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spend per feature per day as stacked columns: one column per UTC day of the period, one color per
 * feature (the costliest at the bottom), a money axis with round ticks, a date axis and a legend
 * with each feature's total. Beyond {@link #MAX_SERIES} features, the cheapest are grouped as
 * "other".
 */
final class SpendChart {
  static final int WIDTH = 1040;
  static final int HEIGHT = 300;
  static final int MAX_SERIES = 8;

  private static final int LEFT = 78;
  private static final int RIGHT = 12;
  private static final int TOP = 16;
  private static final int BOTTOM = 30;
  private static final double MAX_BAR = 44;
  private static final double MIN_LABEL_SPACING = 64;
  private static final int[] LABEL_STEPS = {1, 2, 7, 14, 28, 56, 91, 182, 364};
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

  private SpendChart() {}

  /** One color of the chart: a feature, or the features grouped as other. */
  private record Series(String name, String color, BigDecimal[] amounts) {
    BigDecimal total() {
      return ReportData.sum(Arrays.stream(amounts));
    }
  }

  /** The chart's SVG followed by its legend, as HTML. */
  static String render(ReportData data, ReportFormat format) {
    List<LocalDate> dates = data.period().dates();
    List<Series> series = series(data);
    BigDecimal highest = BigDecimal.ZERO;
    for (int day = 0; day < dates.size(); day++) {
      BigDecimal total = BigDecimal.ZERO;
      for (Series one : series) {
        total = total.add(one.amounts()[day]);
      }
      highest = highest.max(total);
    }

    Svg svg =
        new Svg(
            "spend-chart",
            WIDTH,
            HEIGHT,
            "Spend per feature per day, " + data.period().first() + " to " + data.period().last());
    double plotWidth = WIDTH - LEFT - RIGHT;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    double bottom = TOP + plotHeight;
    AxisTicks ticks = AxisTicks.covering(BigDecimal.ZERO, highest, 5);
    for (BigDecimal tick : ticks.values()) {
      double y = bottom - ticks.fraction(tick) * plotHeight;
      svg.line(LEFT, y, LEFT + plotWidth, y, tick.signum() == 0 ? "axis" : "grid");
      svg.text(LEFT - 8, y + 4, "end", "tick", ticks.label(tick));
    }
    svg.line(LEFT, TOP, LEFT, bottom, "axis");

    double slot = plotWidth / dates.size();
    double barWidth = Math.min(MAX_BAR, slot > 4 ? slot * 0.78 : slot);
    for (int day = 0; day < dates.size(); day++) {
      double x = LEFT + day * slot + (slot - barWidth) / 2;
      double base = bottom;
      for (Series one : series) {
        BigDecimal amount = one.amounts()[day];
        if (amount.signum() <= 0) {
          continue;
        }
        double height = ticks.fraction(amount) * plotHeight;
        svg.rect(
            x,
            base - height,
            barWidth,
            height,
            one.color(),
            dates.get(day) + " " + one.name() + ": " + format.money(amount));
        base -= height;
      }
    }

    int step = labelStep(slot);
    for (int day = dates.size() - 1; day >= 0; day -= step) {
      double center = LEFT + day * slot + slot / 2;
      svg.line(center, bottom, center, bottom + 4, "axis");
      svg.text(center, bottom + 17, "middle", "tick", DAY.format(dates.get(day)));
    }
    if (highest.signum() == 0) {
      svg.text(
          LEFT + plotWidth / 2,
          TOP + plotHeight / 2,
          "middle",
          "empty",
          "No LLM calls in this period");
    }
    return svg.close() + legend(series, format);
  }

  /** Amounts per day for each shown feature, the costliest first, "other" last. */
  private static List<Series> series(ReportData data) {
    LocalDate first = data.period().first();
    int days = data.period().days();
    List<String> features = new ArrayList<>(data.spendByFeature().keySet());
    int shown = features.size() > MAX_SERIES ? MAX_SERIES - 1 : features.size();
    Map<String, Series> byFeature = new HashMap<>();
    List<Series> series = new ArrayList<>();
    for (int i = 0; i < shown; i++) {
      Series one = new Series(features.get(i), Svg.color(i), zeros(days));
      byFeature.put(one.name(), one);
      series.add(one);
    }
    Series other = null;
    if (shown < features.size()) {
      other =
          new Series("other (" + (features.size() - shown) + " features)", Svg.OTHER, zeros(days));
      series.add(other);
    }
    for (DailySpend spend : data.dailySpend()) {
      BigDecimal[] amounts = byFeature.getOrDefault(spend.feature(), other).amounts();
      int day = (int) ChronoUnit.DAYS.between(first, spend.day());
      amounts[day] = amounts[day].add(spend.cost());
    }
    return series;
  }

  private static String legend(List<Series> series, ReportFormat format) {
    StringBuilder out = new StringBuilder("<ul class=\"legend\">\n");
    for (Series one : series) {
      BigDecimal total = one.total();
      out.append("<li><span class=\"swatch\" style=\"background:")
          .append(one.color())
          .append("\"></span>")
          .append(Html.escape(one.name()))
          .append(" <span class=\"amount\" data-usd=\"")
          .append(total.toPlainString())
          .append("\">")
          .append(format.money(total))
          .append("</span></li>\n");
    }
    return out.append("</ul>\n").toString();
  }

  /** Days between two date labels: the smallest step that leaves room for a label. */
  static int labelStep(double slot) {
    for (int step : LABEL_STEPS) {
      if (step * slot >= MIN_LABEL_SPACING) {
        return step;
      }
    }
    return LABEL_STEPS[LABEL_STEPS.length - 1];
  }

  private static BigDecimal[] zeros(int days) {
    BigDecimal[] amounts = new BigDecimal[days];
    Arrays.fill(amounts, BigDecimal.ZERO);
    return amounts;
  }
}
