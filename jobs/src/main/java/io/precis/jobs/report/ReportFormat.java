package io.precis.jobs.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * How the report writes numbers, the same on the page and on stdout. Amounts are rounded half-even
 * to a number of decimals that the largest amount of the report decides, so that a report of
 * fractions of a cent and one of thousands of dollars are both readable, and every amount of one
 * report has the same number of decimals.
 */
final class ReportFormat {
  private final int decimals;
  private final DecimalFormat money;

  private ReportFormat(int decimals) {
    this.decimals = decimals;
    this.money =
        new DecimalFormat(
            decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
            DecimalFormatSymbols.getInstance(Locale.ROOT));
    this.money.setRoundingMode(RoundingMode.HALF_EVEN);
  }

  /** The format of a report: decided by its largest amount, the same on the page and in text. */
  static ReportFormat of(ReportData data) {
    ReportData.Savings savings = data.savings();
    return forLargest(
        savings.baseline().abs().max(savings.cost().abs()).max(data.callSpend().abs()));
  }

  /** 2 decimals from $100, 4 from $1, else 6 (a millionth of a dollar). */
  static ReportFormat forLargest(BigDecimal largest) {
    BigDecimal size = largest.abs();
    if (size.compareTo(BigDecimal.valueOf(100)) >= 0) {
      return new ReportFormat(2);
    }
    return new ReportFormat(size.compareTo(BigDecimal.ONE) >= 0 ? 4 : 6);
  }

  int decimals() {
    return decimals;
  }

  /** E.g. $1,234.57 or -$0.000123. */
  String money(BigDecimal amount) {
    BigDecimal rounded = amount.setScale(decimals, RoundingMode.HALF_EVEN);
    return (rounded.signum() < 0 ? "-$" : "$") + money.format(rounded.abs());
  }

  /** An axis label: as many decimals as the step between ticks needs, and $0 for zero. */
  static String tick(BigDecimal value, BigDecimal step) {
    if (value.signum() == 0) {
      return "$0";
    }
    // Ticks are multiples of the step: at its scale they need no rounding.
    return new ReportFormat(Math.max(0, step.stripTrailingZeros().scale())).money(value);
  }

  /** E.g. 43,274. */
  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** A percentage to one decimal, e.g. 92.7%. */
  static String percent(BigDecimal percent) {
    return percent.setScale(1, RoundingMode.HALF_EVEN).toPlainString() + "%";
  }

  /** {@code part} as a percentage of {@code whole}, to 4 decimals; 0 when the whole is 0. */
  static BigDecimal share(BigDecimal part, BigDecimal whole) {
    if (whole.signum() == 0) {
      return BigDecimal.ZERO;
    }
    return part.multiply(BigDecimal.valueOf(100)).divide(whole, 4, RoundingMode.HALF_EVEN);
  }
}
