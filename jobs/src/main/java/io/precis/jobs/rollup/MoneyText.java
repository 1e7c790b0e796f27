package io.precis.jobs.rollup;

import java.math.BigDecimal;

/** Money as people and webhooks read it: exact, with at least two decimals ("12.50"). */
final class MoneyText {
  private MoneyText() {}

  /** Every significant digit of the amount, and at least cents: 12.5 as "12.50". */
  static String exact(BigDecimal amount) {
    BigDecimal stripped = amount.stripTrailingZeros();
    return (stripped.scale() < 2 ? stripped.setScale(2) : stripped).toPlainString();
  }

  /** A configured factor as written, without a trailing ".0": 1.5 as "1.5", 2.0 as "2". */
  static String factor(double factor) {
    return BigDecimal.valueOf(factor).stripTrailingZeros().toPlainString();
  }
}
