package io.precis.summarize;

import io.precis.core.cost.Money;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a worker may still spend on calls. {@link LlmCaller} asks before each call with the most the
 * call could cost, and reports what it did cost; a call the budget does not allow is not made. Not
 * thread-safe: one per worker.
 */
public final class CallBudget implements Serializable {
  private static final long serialVersionUID = 1L;

  private final BigDecimal limit;
  private BigDecimal spent = Money.ZERO;

  private CallBudget(BigDecimal limit) {
    this.limit = limit;
  }

  /** No limit. */
  public static CallBudget unlimited() {
    return new CallBudget(null);
  }

  /** At most {@code limit} USD. */
  public static CallBudget of(BigDecimal limit) {
    Objects.requireNonNull(limit, "limit is null");
    return new CallBudget(Money.of(limit));
  }

  /** Whether a call that costs at most {@code worstCase} fits in what is left. */
  public boolean allows(BigDecimal worstCase) {
    return limit == null || spent.add(worstCase).compareTo(limit) <= 0;
  }

  public void spend(BigDecimal cost) {
    spent = spent.add(cost);
  }

  public BigDecimal spent() {
    return spent;
  }

  /** The limit, or null when there is none. */
  public BigDecimal limit() {
    return limit;
  }
}
