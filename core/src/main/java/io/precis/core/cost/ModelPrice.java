package io.precis.core.cost;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The price of one model from the day it took effect: USD per million input, cached-input and
 * output tokens, and the discount a batch call gets (0.5 = half price).
 */
public record ModelPrice(
    LocalDate since,
    BigDecimal inputPerMillion,
    BigDecimal cachedInputPerMillion,
    BigDecimal outputPerMillion,
    BigDecimal batchDiscount)
    implements Serializable {
  public ModelPrice {
    Objects.requireNonNull(since, "since is null");
    requireNonNegative(inputPerMillion, "inputPerMillion");
    requireNonNegative(cachedInputPerMillion, "cachedInputPerMillion");
    requireNonNegative(outputPerMillion, "outputPerMillion");
    requireNonNegative(batchDiscount, "batchDiscount");
    if (batchDiscount.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("batchDiscount " + batchDiscount + " is above 1");
    }
  }

  /** What a call with this usage costs, exactly, at the money scale. */
  public BigDecimal cost(TokenUsage usage, boolean batch) {
    long uncachedInput = usage.inputTokens() - usage.cachedInputTokens();
    BigDecimal amount =
        Money.perMillion(inputPerMillion, uncachedInput)
            .add(Money.perMillion(cachedInputPerMillion, usage.cachedInputTokens()))
            .add(Money.perMillion(outputPerMillion, usage.outputTokens()));
    if (batch) {
      amount = amount.multiply(BigDecimal.ONE.subtract(batchDiscount));
    }
    return Money.of(amount);
  }

  private static void requireNonNegative(BigDecimal value, String name) {
    Objects.requireNonNull(value, name + " is null");
    if (value.signum() < 0) {
      throw new IllegalArgumentException(name + " is " + value + " but must be >= 0");
    }
  }
}
