package io.precis.core.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money is exact: USD as {@link BigDecimal} at a fixed scale of 12 decimal places (a millionth of a
 * micro-dollar), the scale of every money column. Amounts are summed as decimals, never as doubles.
 */
public final class Money {
  /** Decimal places kept for every amount. */
  public static final int SCALE = 12;

  /** Total digits of a money column: up to a trillion dollars at {@link #SCALE}. */
  public static final int PRECISION = 24;

  public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

  private Money() {}

  /** The amount at the money scale; prices with more than 12 decimals round half-even. */
  public static BigDecimal of(BigDecimal amount) {
    return amount.setScale(SCALE, RoundingMode.HALF_EVEN);
  }

  /** Price per million tokens times a token count, exactly. */
  static BigDecimal perMillion(BigDecimal pricePerMillion, long tokens) {
    return pricePerMillion.multiply(BigDecimal.valueOf(tokens)).movePointLeft(6);
  }
}
