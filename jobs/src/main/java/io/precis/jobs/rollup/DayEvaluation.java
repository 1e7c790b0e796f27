package io.precis.jobs.rollup;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * How one day of a feature's spend read against its baseline, and the alert's state at the end of
 * that day.
 *
 * @param baseline empty when no earlier week of the series has this weekday
 */
public record DayEvaluation(
    LocalDate day,
    BigDecimal spend,
    Optional<BigDecimal> baseline,
    DayEvaluation.Reading reading,
    AlertState state) {
  public DayEvaluation {
    Objects.requireNonNull(day, "day is null");
    Objects.requireNonNull(spend, "spend is null");
    Objects.requireNonNull(baseline, "baseline is null");
    Objects.requireNonNull(reading, "reading is null");
    Objects.requireNonNull(state, "state is null");
    if (baseline.isEmpty() != (reading == Reading.NO_BASELINE)) {
      throw new IllegalArgumentException("a reading is NO_BASELINE exactly when there is none");
    }
  }

  /** Where a day's spend stands against the two thresholds. */
  public enum Reading {
    /** No earlier week to compare with: the day is not evaluated. */
    NO_BASELINE,
    /** At least the minimum spend and above fire-factor x baseline: counts toward firing. */
    HIGH,
    /** Below clear-factor x baseline, or below the minimum spend: counts toward clearing. */
    LOW,
    /** Between the two thresholds: breaks both runs of days, changes nothing. */
    BETWEEN
  }
}
