package io.precis.jobs.rollup;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rollup run did, for the console summary and the tests.
 *
 * @param days distinct UTC days in daily_costs
 * @param evaluatedThrough the last day alerts were evaluated on (the last complete UTC day)
 * @param fired FIRING transitions recorded in this run
 * @param cleared OK transitions recorded in this run
 * @param notifier where alerts were sent (the webhook URL); empty when nowhere
 * @param delivered webhook POSTs the receiver accepted
 * @param failedDeliveries webhook POSTs that failed; sent again by the next run
 * @param held transitions not sent because an earlier one of the same feature failed
 * @param firing features whose alert is firing after the last evaluated day, sorted
 */
public record RollupResult(
    long days,
    long features,
    long dailyRows,
    long weeklyRows,
    LocalDate evaluatedThrough,
    int fired,
    int cleared,
    Optional<String> notifier,
    int delivered,
    int failedDeliveries,
    int held,
    List<String> firing) {
  public RollupResult {
    Objects.requireNonNull(evaluatedThrough, "evaluatedThrough is null");
    Objects.requireNonNull(notifier, "notifier is null");
    firing = List.copyOf(firing);
  }
}
