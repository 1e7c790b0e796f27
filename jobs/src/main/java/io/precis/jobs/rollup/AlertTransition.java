package io.precis.jobs.rollup;

import io.precis.core.util.Hashes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A change of a feature's alert state, on the day it happened: FIRING when it fired, OK when it
 * cleared. The same history gives the same transitions, with the same ids, in every run.
 *
 * @param spend the feature's spend on that day, USD
 * @param baseline the day's baseline, USD
 * @param factor spend / baseline to four decimals; null when the baseline is zero
 * @param reason why, in a sentence
 */
public record AlertTransition(
    String feature,
    LocalDate day,
    AlertState state,
    BigDecimal spend,
    BigDecimal baseline,
    Double factor,
    String reason) {
  public AlertTransition {
    Objects.requireNonNull(feature, "feature is null");
    Objects.requireNonNull(day, "day is null");
    Objects.requireNonNull(state, "state is null");
    Objects.requireNonNull(spend, "spend is null");
    Objects.requireNonNull(baseline, "baseline is null");
    Objects.requireNonNull(reason, "reason is null");
  }

  /** 32 hex characters of SHA-256 over "alert", feature, day and state: stable across runs. */
  public String alertId() {
    return Hashes.sha256Prefix(32, "alert", feature, day.toString(), state.name());
  }

  /** What the alerts table keys a transition by. */
  public AlertKey key() {
    return new AlertKey(feature, day, state);
  }

  /** For messages: "the FIRING alert of feature 'x' for 2026-11-20". */
  String describe() {
    return "the " + state + " alert of feature '" + feature + "' for " + day;
  }

  /** A transition as the alerts table identifies it: one per feature, day and state. */
  public record AlertKey(String feature, LocalDate day, AlertState state) {
    public AlertKey {
      Objects.requireNonNull(feature, "feature is null");
      Objects.requireNonNull(day, "day is null");
      Objects.requireNonNull(state, "state is null");
    }
  }
}
