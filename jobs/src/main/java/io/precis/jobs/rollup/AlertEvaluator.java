package io.precis.jobs.rollup;

import io.precis.core.config.AlertSettings;
import io.precis.core.cost.Money;
import io.precis.jobs.rollup.DayEvaluation.Reading;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Decides, day by day, whether a feature's spend alert fires or clears, with hysteresis: it fires
 * after {@code fireAfter} days in a row above {@code fireFactor} x baseline (and at least the
 * minimum spend), and clears only after {@code clearAfter} days in a row below the lower {@code
 * clearFactor} x baseline. A day's baseline is the median spend of the same weekday in the {@code
 * baselineWeeks} weeks before it, as far as the series goes back. Plain Java and deterministic: the
 * same series and settings always give the same days and transitions.
 */
public final class AlertEvaluator {
  private static final BigDecimal TWO = BigDecimal.valueOf(2);

  private final AlertSettings settings;
  private final BigDecimal fireFactor;
  private final BigDecimal clearFactor;

  public AlertEvaluator(AlertSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings is null");
    this.fireFactor = BigDecimal.valueOf(settings.fireFactor());
    this.clearFactor = BigDecimal.valueOf(settings.clearFactor());
  }

  /**
   * Walks a feature's daily spend from its first day to its last; a day missing in between spent
   * nothing. The alert starts OK on the first day.
   *
   * @param dailySpend USD per UTC day, exact; none negative
   */
  public AlertEvaluation evaluate(String feature, Map<LocalDate, BigDecimal> dailySpend) {
    Objects.requireNonNull(feature, "feature is null");
    NavigableMap<LocalDate, BigDecimal> series = new TreeMap<>();
    dailySpend.forEach(
        (day, spend) -> {
          Objects.requireNonNull(day, "day is null");
          Objects.requireNonNull(spend, "spend is null");
          if (spend.signum() < 0) {
            throw new IllegalArgumentException("spend on " + day + " is negative: " + spend);
          }
          series.put(day, spend);
        });
    List<DayEvaluation> days = new ArrayList<>();
    List<AlertTransition> transitions = new ArrayList<>();
    if (series.isEmpty()) {
      return new AlertEvaluation(feature, days, transitions);
    }
    AlertState state = AlertState.OK;
    int highDays = 0;
    int lowDays = 0;
    for (LocalDate day = series.firstKey(); !day.isAfter(series.lastKey()); day = day.plusDays(1)) {
      BigDecimal spend = series.getOrDefault(day, BigDecimal.ZERO);
      Optional<BigDecimal> baseline = baseline(series, day);
      Reading reading = baseline.map(b -> reading(spend, b)).orElse(Reading.NO_BASELINE);
      highDays = reading == Reading.HIGH ? highDays + 1 : 0;
      lowDays = reading == Reading.LOW ? lowDays + 1 : 0;
      if (state == AlertState.OK && highDays >= settings.fireAfter()) {
        state = AlertState.FIRING;
        transitions.add(transition(feature, day, state, spend, baseline.get(), highDays));
      } else if (state == AlertState.FIRING && lowDays >= settings.clearAfter()) {
        state = AlertState.OK;
        transitions.add(transition(feature, day, state, spend, baseline.get(), lowDays));
      }
      days.add(new DayEvaluation(day, spend, baseline, reading, state));
    }
    return new AlertEvaluation(feature, days, transitions);
  }

  /**
   * The median spend on the same weekday of the previous weeks that the series covers (a day
   * missing inside it spent 0), to {@link Money#SCALE} decimals; empty in the series' first week.
   */
  Optional<BigDecimal> baseline(NavigableMap<LocalDate, BigDecimal> series, LocalDate day) {
    List<BigDecimal> earlier = new ArrayList<>();
    for (int week = 1; week <= settings.baselineWeeks(); week++) {
      LocalDate same = day.minusWeeks(week);
      if (same.isBefore(series.firstKey())) {
        break;
      }
      earlier.add(series.getOrDefault(same, BigDecimal.ZERO));
    }
    if (earlier.isEmpty()) {
      return Optional.empty();
    }
    earlier.sort(BigDecimal::compareTo);
    int middle = earlier.size() / 2;
    BigDecimal median =
        earlier.size() % 2 == 1
            ? earlier.get(middle)
            : earlier.get(middle - 1).add(earlier.get(middle)).divide(TWO);
    return Optional.of(Money.of(median));
  }

  private Reading reading(BigDecimal spend, BigDecimal baseline) {
    boolean aboveMinimum = spend.compareTo(settings.minimumSpend()) >= 0;
    if (aboveMinimum && spend.compareTo(fireFactor.multiply(baseline)) > 0) {
      return Reading.HIGH;
    }
    // Below the minimum, spend is noise: it can neither fire an alert nor hold one open. Without
    // this, a feature whose spend and baseline both fall to 0 could never clear (0 < 0 is false).
    if (!aboveMinimum || spend.compareTo(clearFactor.multiply(baseline)) < 0) {
      return Reading.LOW;
    }
    return Reading.BETWEEN;
  }

  private AlertTransition transition(
      String feature,
      LocalDate day,
      AlertState state,
      BigDecimal spend,
      BigDecimal baseline,
      int daysInARow) {
    Double factor =
        baseline.signum() == 0
            ? null
            : spend.divide(baseline, 4, RoundingMode.HALF_EVEN).doubleValue();
    String condition =
        state == AlertState.FIRING
            ? "above "
                + MoneyText.factor(settings.fireFactor())
                + " x its baseline (and at least the minimum of "
                + MoneyText.exact(settings.minimumSpend())
                + " USD)"
            : "below "
                + MoneyText.factor(settings.clearFactor())
                + " x its baseline, or under the minimum of "
                + MoneyText.exact(settings.minimumSpend())
                + " USD,";
    String reason =
        "Spend was "
            + condition
            + " for "
            + daysInARow
            + (daysInARow == 1 ? " day" : " days in a row")
            + ", "
            + (daysInARow == 1 ? "" : day.minusDays(daysInARow - 1L) + " to ")
            + day
            + ": "
            + MoneyText.exact(spend)
            + " USD against a baseline of "
            + MoneyText.exact(baseline)
            + " USD on the last day.";
    return new AlertTransition(feature, day, state, spend, baseline, factor, reason);
  }
}
