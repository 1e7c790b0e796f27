package io.precis.jobs.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The ticks of a money axis: round steps (1, 2 or 5 times a power of ten), computed in decimals so
 * that the labels are exact, from a multiple of the step at or below the lowest value to one at or
 * above the highest. Zero is always a tick.
 *
 * @param step the distance between two ticks, positive
 * @param values the ticks, ascending
 */
record AxisTicks(BigDecimal step, List<BigDecimal> values) {
  AxisTicks {
    values = List.copyOf(values);
    if (step.signum() <= 0 || values.size() < 2) {
      throw new IllegalArgumentException("an axis needs a positive step and two ticks");
    }
  }

  /**
   * Ticks over {@code [min(0, low), max(0, high)]}, about {@code target} steps; when both are 0,
   * the axis runs from $0 to $1.
   */
  static AxisTicks covering(BigDecimal low, BigDecimal high, int target) {
    BigDecimal min = low.min(BigDecimal.ZERO);
    BigDecimal max = high.max(BigDecimal.ZERO);
    BigDecimal range = max.subtract(min);
    if (range.signum() == 0) {
      return new AxisTicks(BigDecimal.ONE, List.of(BigDecimal.ZERO, BigDecimal.ONE));
    }
    BigDecimal raw = range.divide(BigDecimal.valueOf(target), MathContext.DECIMAL64);
    int exponent = raw.precision() - raw.scale() - 1;
    BigDecimal power = BigDecimal.ONE.scaleByPowerOfTen(exponent);
    BigDecimal step = power.scaleByPowerOfTen(1);
    for (int factor : new int[] {1, 2, 5}) {
      BigDecimal candidate = power.multiply(BigDecimal.valueOf(factor));
      if (candidate.compareTo(raw) >= 0) {
        step = candidate;
        break;
      }
    }
    BigDecimal first = min.divide(step, 0, RoundingMode.FLOOR).multiply(step);
    BigDecimal last = max.divide(step, 0, RoundingMode.CEILING).multiply(step);
    List<BigDecimal> values = new ArrayList<>();
    for (BigDecimal tick = first; tick.compareTo(last) <= 0; tick = tick.add(step)) {
      values.add(tick);
    }
    if (values.size() < 2) {
      values.add(first.add(step));
    }
    return new AxisTicks(step, values);
  }

  BigDecimal min() {
    return values.get(0);
  }

  BigDecimal max() {
    return values.get(values.size() - 1);
  }

  /** Where {@code value} falls between {@link #min()} (0) and {@link #max()} (1). */
  double fraction(BigDecimal value) {
    return value.subtract(min()).divide(max().subtract(min()), MathContext.DECIMAL64).doubleValue();
  }

  /** The label of a tick, e.g. $0.0005. */
  String label(BigDecimal tick) {
    return ReportFormat.tick(tick, step);
  }
}
