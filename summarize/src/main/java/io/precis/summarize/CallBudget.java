package io.precis.summarize;

import io.precis.core.cost.Money;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a worker may still spend on calls. {@link LlmCaller} reserves the most a call could cost
 * before making it, and settles the reservation with what it did cost; a call the budget does not
 * allow is not made. Thread-safe: the calls a task keeps in flight share one budget, and reserving
 * before the call keeps them from overspending it together.
 */
public final class CallBudget implements Serializable {
  private static final long serialVersionUID = 1L;

  private final BigDecimal limit;
  private BigDecimal spent = Money.ZERO;
  private BigDecimal reserved = Money.ZERO;

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

  /**
   * Whether a call that costs at most {@code worstCase} fits in what is left, counting what calls
   * in flight have reserved.
   */
  public synchronized boolean allows(BigDecimal worstCase) {
    return limit == null || spent.add(reserved).add(worstCase).compareTo(limit) <= 0;
  }

  /**
   * Reserves {@code worstCase} for a call if it fits; the call must then {@link #settle} it.
   *
   * @return whether the call may be made
   */
  public synchronized boolean reserve(BigDecimal worstCase) {
    if (!allows(worstCase)) {
      return false;
    }
    reserved = reserved.add(worstCase);
    return true;
  }

  /** Ends a reservation of {@code worstCase} with what the call cost (0 when it failed). */
  public synchronized void settle(BigDecimal worstCase, BigDecimal cost) {
    reserved = reserved.subtract(worstCase);
    spent = spent.add(cost);
  }

  public synchronized void spend(BigDecimal cost) {
    spent = spent.add(cost);
  }

  public synchronized BigDecimal spent() {
    return spent;
  }

  /** The limit, or null when there is none. */
  public BigDecimal limit() {
    return limit;
  }
}
