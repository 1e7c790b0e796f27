package io.precis.jobs.rollup;

import static io.precis.jobs.rollup.SyntheticSpend.day;
import static io.precis.jobs.rollup.SyntheticSpend.index;
import static io.precis.jobs.rollup.SyntheticSpend.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.precis.core.config.AlertSettings;
import io.precis.jobs.rollup.DayEvaluation.Reading;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The alert rule on synthetic series: a same-weekday median baseline, fire after N high days, clear
 * after M low days, no flapping in between. Settings are the defaults of reference.conf.
 */
class AlertEvaluatorTest {
  private static final AlertSettings DEFAULTS = settings(4, 2, 2);

  private static AlertSettings settings(int baselineWeeks, int fireAfter, int clearAfter) {
    return new AlertSettings(
        baselineWeeks, 1.5, fireAfter, 1.2, clearAfter, new BigDecimal("1.00"), "");
  }

  private static AlertEvaluation evaluate(Map<LocalDate, BigDecimal> series) {
    return new AlertEvaluator(DEFAULTS).evaluate("support-bot", series);
  }

  private static long days(AlertEvaluation evaluation, Reading reading) {
    return evaluation.days().stream().filter(d -> d.reading() == reading).count();
  }

  @Test
  void theSyntheticWeekHasAQuietWeekendAndStartsOnAMonday() {
    assertThat(SyntheticSpend.START.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
    AlertEvaluation usual = evaluate(series(i -> "1"));

    assertThat(usual.days()).hasSize(56);
    assertThat(usual.transitions()).isEmpty();
    assertThat(usual.days().get(index(3, 6)).spend()).isEqualByComparingTo("4.00");
    assertThat(usual.days().get(index(3, 3)).spend()).isEqualByComparingTo("12.00");
    // A usual day is its own baseline, which reads LOW: under 1.2 x baseline.
    assertThat(days(usual, Reading.NO_BASELINE)).isEqualTo(7);
    assertThat(days(usual, Reading.LOW)).isEqualTo(49);
  }

  @Test
  void aSingleDaySpikeDoesNotAlert() {
    int spike = index(5, 3); // a Wednesday: 48.00 against a baseline of 12.00
    AlertEvaluation evaluation = evaluate(series(i -> i == spike ? "4" : "1"));

    assertThat(evaluation.days().get(spike).reading()).isEqualTo(Reading.HIGH);
    assertThat(evaluation.days().get(spike).baseline())
        .hasValueSatisfying(b -> assertThat(b).isEqualByComparingTo("12.00"));
    assertThat(days(evaluation, Reading.HIGH)).isEqualTo(1);
    assertThat(evaluation.transitions()).isEmpty();
    assertThat(evaluation.days()).allSatisfy(d -> assertThat(d.state()).isEqualTo(AlertState.OK));
    // The next Wednesday's median of four weeks shrugs the spike off.
    assertThat(evaluation.days().get(index(6, 3)).baseline())
        .hasValueSatisfying(b -> assertThat(b).isEqualByComparingTo("12.00"));
  }

  @Test
  void aSustainedRiseFiresOnceAndStaysFiringWhileHigh() {
    int rise = index(6, 1); // from the sixth Monday on, twice the usual spend
    AlertEvaluation evaluation = evaluate(series(i -> i >= rise ? "2" : "1"));

    assertThat(evaluation.transitions()).hasSize(1);
    AlertTransition fired = evaluation.transitions().get(0);
    assertThat(fired.state()).isEqualTo(AlertState.FIRING);
    assertThat(fired.day()).isEqualTo(day(index(6, 2))).isEqualTo(LocalDate.of(2026, 10, 13));
    assertThat(fired.feature()).isEqualTo("support-bot");
    assertThat(fired.spend()).isEqualByComparingTo("22.00");
    assertThat(fired.baseline()).isEqualByComparingTo("11.00");
    assertThat(fired.factor()).isEqualTo(2.0);
    assertThat(fired.reason())
        .isEqualTo(
            "Spend was above 1.5 x its baseline (and at least the minimum of 1.00 USD) for 2 days"
                + " in a row, 2026-10-12 to 2026-10-13: 22.00 USD against a baseline of 11.00 USD"
                + " on the last day.");
    for (DayEvaluation day : evaluation.days()) {
      boolean firing = !day.day().isBefore(fired.day());
      assertThat(day.state())
          .as(day.toString())
          .isEqualTo(firing ? AlertState.FIRING : AlertState.OK);
    }
    // In week 8 the baseline has caught up halfway (median of 1, 1, 2, 2 = 1.5 x usual): spend is
    // no longer above 1.5 x baseline, but not below 1.2 x either, so the alert holds.
    for (int i = index(8, 1); i <= index(8, 7); i++) {
      DayEvaluation day = evaluation.days().get(i);
      assertThat(day.reading()).as(day.toString()).isEqualTo(Reading.BETWEEN);
      assertThat(day.baseline().orElseThrow())
          .isEqualByComparingTo(SyntheticSpend.usual(day.day()).multiply(new BigDecimal("1.5")));
    }
    assertThat(evaluation.finalState()).isEqualTo(AlertState.FIRING);
  }

  @Test
  void oscillationAroundTheFireThresholdFiresOnceAndClearsOnceWithoutFlapping() {
    // Around 1.5 x usual: 1.6 is above it, 1.4 below it but above the clear line (1.2), 1.0 is
    // back to usual. Weeks 5 and 6, then usual again.
    String[] week5 = {"1.6", "1.6", "1.4", "1.6", "1.4", "1.6", "1.4"};
    String[] week6 = {"1.6", "1.4", "1.3", "1.0", "1.0", "1.6", "1.4"};
    AlertEvaluation evaluation =
        evaluate(
            series(
                i ->
                    i >= index(5, 1) && i <= index(5, 7)
                        ? week5[i - index(5, 1)]
                        : i >= index(6, 1) && i <= index(6, 7) ? week6[i - index(6, 1)] : "1"));

    // A rule with one threshold would change state at every crossing.
    int crossings = 0;
    for (int i = 1; i < evaluation.days().size(); i++) {
      boolean high = evaluation.days().get(i).reading() == Reading.HIGH;
      boolean before = evaluation.days().get(i - 1).reading() == Reading.HIGH;
      crossings += high != before ? 1 : 0;
    }
    assertThat(days(evaluation, Reading.HIGH)).isEqualTo(6);
    assertThat(crossings).isEqualTo(10);

    assertThat(evaluation.transitions())
        .extracting(AlertTransition::state, AlertTransition::day)
        .containsExactly(
            tuple(AlertState.FIRING, day(index(5, 2))), tuple(AlertState.OK, day(index(6, 5))));
    AlertTransition cleared = evaluation.transitions().get(1);
    assertThat(cleared.spend()).isEqualByComparingTo("9.00");
    assertThat(cleared.baseline()).isEqualByComparingTo("9.00");
    assertThat(cleared.factor()).isEqualTo(1.0);
    assertThat(cleared.reason())
        .isEqualTo(
            "Spend was below 1.2 x its baseline, or under the minimum of 1.00 USD, for 2 days in a"
                + " row, 2026-10-15 to 2026-10-16: 9.00 USD against a baseline of 9.00 USD on the"
                + " last day.");
    // The state changes exactly twice, and the high Saturday after the clear does not re-fire.
    int changes = 0;
    for (int i = 1; i < evaluation.days().size(); i++) {
      changes += evaluation.days().get(i).state() != evaluation.days().get(i - 1).state() ? 1 : 0;
    }
    assertThat(changes).isEqualTo(2);
    assertThat(evaluation.days().get(index(6, 6)).reading()).isEqualTo(Reading.HIGH);
    assertThat(evaluation.finalState()).isEqualTo(AlertState.OK);
  }

  @Test
  void firesOnTheFireAfterthHighDayInARowAndNotBefore() {
    AlertEvaluator threeDays = new AlertEvaluator(settings(4, 3, 2));
    Map<LocalDate, BigDecimal> series = flat(7, "10.00");
    put(series, 7, "20.00", "20.00", "10.00", "20.00", "20.00");

    AlertEvaluation twoHighDays = threeDays.evaluate("f", series);
    assertThat(twoHighDays.transitions()).isEmpty();

    put(series, 12, "20.00");
    AlertEvaluation threeHighDays = threeDays.evaluate("f", series);
    assertThat(threeHighDays.transitions())
        .singleElement()
        .satisfies(t -> assertThat(t.day()).isEqualTo(day(12)))
        .satisfies(t -> assertThat(t.state()).isEqualTo(AlertState.FIRING))
        .satisfies(
            t -> assertThat(t.reason()).contains("for 3 days in a row, 2026-09-17 to 2026-09-19"));
    assertThat(threeHighDays.days().get(11).state()).isEqualTo(AlertState.OK);

    AlertEvaluation oneDay = new AlertEvaluator(settings(4, 1, 1)).evaluate("f", series);
    assertThat(oneDay.transitions())
        .extracting(AlertTransition::state, AlertTransition::day)
        .containsExactly(
            tuple(AlertState.FIRING, day(7)),
            tuple(AlertState.OK, day(9)),
            tuple(AlertState.FIRING, day(10)));
    assertThat(oneDay.transitions().get(0).reason()).contains("for 1 day, 2026-09-14: 20.00 USD");
  }

  @Test
  void spendExactlyOnAThresholdDoesNotCount() {
    Map<LocalDate, BigDecimal> series = flat(7, "10.00");
    put(series, 7, "15.00", "15.00", "16.00", "16.00", "12.00", "12.00", "11.99");
    AlertEvaluation evaluation = evaluate(series);

    assertThat(evaluation.days().subList(7, 14))
        .extracting(DayEvaluation::reading)
        .containsExactly(
            Reading.BETWEEN,
            Reading.BETWEEN,
            Reading.HIGH,
            Reading.HIGH,
            Reading.BETWEEN,
            Reading.BETWEEN,
            Reading.LOW);
    assertThat(evaluation.transitions()).extracting(AlertTransition::day).containsExactly(day(10));
  }

  @Test
  void theBaselineUsesTheWeeksThereAreAtTheStart() {
    Map<LocalDate, BigDecimal> series = flat(42, "5.00");
    // Mondays of weeks 1..6: 10, 30, 20, 40, 25, 90.
    String[] mondays = {"10.00", "30.00", "20.00", "40.00", "25.00", "90.00"};
    for (int week = 0; week < mondays.length; week++) {
      series.put(day(week * 7), new BigDecimal(mondays[week]));
    }
    // A spike in the first week has nothing to compare with.
    put(series, 1, "500.00", "500.00");
    AlertEvaluation evaluation = evaluate(series);

    assertThat(evaluation.days().subList(0, 7))
        .allSatisfy(d -> assertThat(d.reading()).isEqualTo(Reading.NO_BASELINE))
        .allSatisfy(d -> assertThat(d.baseline()).isEmpty());
    assertThat(evaluation.days().get(7).baseline()).contains(new BigDecimal("10.000000000000"));
    assertThat(evaluation.days().get(14).baseline()).contains(new BigDecimal("20.000000000000"));
    assertThat(evaluation.days().get(21).baseline()).contains(new BigDecimal("20.000000000000"));
    assertThat(evaluation.days().get(28).baseline()).contains(new BigDecimal("25.000000000000"));
    // Only four weeks back: 30, 20, 40, 25, and no longer the first 10.
    assertThat(evaluation.days().get(35).baseline()).contains(new BigDecimal("27.500000000000"));
    assertThat(evaluation.transitions()).isEmpty();

    AlertEvaluation oneWeek = new AlertEvaluator(settings(1, 2, 2)).evaluate("f", series);
    assertThat(oneWeek.days().get(35).baseline()).contains(new BigDecimal("25.000000000000"));
  }

  @Test
  void spendUnderTheMinimumNeverFires() {
    Map<LocalDate, BigDecimal> series = flat(7, "0.10");
    put(series, 7, "0.99", "0.99", "0.99");
    assertThat(evaluate(series).transitions()).isEmpty();
    assertThat(evaluate(series).days().subList(7, 10))
        .allSatisfy(d -> assertThat(d.reading()).isEqualTo(Reading.LOW));

    put(series, 10, "1.00", "1.00");
    assertThat(evaluate(series).transitions())
        .singleElement()
        .satisfies(t -> assertThat(t.day()).isEqualTo(day(11)))
        .satisfies(t -> assertThat(t.factor()).isEqualTo(10.0));
  }

  @Test
  void anAlertOnAZeroBaselineClearsWhenSpendFallsUnderTheMinimum() {
    Map<LocalDate, BigDecimal> series = flat(7, "0");
    put(series, 7, "5.00", "5.00", "0", "0.50", "0");
    AlertEvaluation evaluation = new AlertEvaluator(settings(1, 2, 2)).evaluate("f", series);

    assertThat(evaluation.transitions())
        .extracting(AlertTransition::state, AlertTransition::day, AlertTransition::factor)
        .containsExactly(
            tuple(AlertState.FIRING, day(8), null), tuple(AlertState.OK, day(10), null));
  }

  @Test
  void aMissingDaySpentNothing() {
    Map<LocalDate, BigDecimal> series = new HashMap<>();
    for (int i = 0; i < 21; i++) {
      if (day(i).getDayOfWeek().getValue() <= 5) {
        series.put(day(i), new BigDecimal("10.00"));
      }
    }
    AlertEvaluation evaluation = evaluate(series);

    assertThat(evaluation.days()).hasSize(19); // Monday of week 1 to Friday of week 3
    assertThat(evaluation.days().get(5).spend()).isEqualByComparingTo("0");
    assertThat(evaluation.days().get(12).baseline()).contains(new BigDecimal("0E-12"));
  }

  @Test
  void theSameSeriesGivesTheSameEvaluationAndIds() {
    Map<LocalDate, BigDecimal> series = series(i -> i >= index(6, 1) ? "2" : "1");
    AlertEvaluation first = evaluate(new HashMap<>(series));
    AlertEvaluation second = evaluate(new TreeMap<>(series));

    assertThat(first).isEqualTo(second);
    AlertTransition fired = first.transitions().get(0);
    assertThat(fired.alertId())
        .hasSize(32)
        .matches("[0-9a-f]{32}")
        .isEqualTo(second.transitions().get(0).alertId())
        .isNotEqualTo(
            new AlertTransition(
                    fired.feature(),
                    fired.day(),
                    AlertState.OK,
                    fired.spend(),
                    fired.baseline(),
                    fired.factor(),
                    fired.reason())
                .alertId());
    assertThat(new AlertEvaluator(DEFAULTS).evaluate("f", Map.of()).days()).isEmpty();
  }

  @Test
  void negativeSpendIsRejected() {
    assertThatThrownBy(
            () -> evaluate(Map.of(day(0), new BigDecimal("1.00"), day(1), new BigDecimal("-1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("spend on 2026-09-08 is negative: -1");
  }

  private static Map<LocalDate, BigDecimal> flat(int days, String spend) {
    Map<LocalDate, BigDecimal> series = new TreeMap<>();
    for (int i = 0; i < days; i++) {
      series.put(day(i), new BigDecimal(spend));
    }
    return series;
  }

  /** Sets the spend of consecutive days from index {@code from}. */
  private static void put(Map<LocalDate, BigDecimal> series, int from, String... spend) {
    for (int i = 0; i < spend.length; i++) {
      series.put(day(from + i), new BigDecimal(spend[i]));
    }
  }
}
