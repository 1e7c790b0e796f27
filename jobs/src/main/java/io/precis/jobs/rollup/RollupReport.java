package io.precis.jobs.rollup;

/** The few lines {@code precis rollup} prints when it is done. */
final class RollupReport {
  private RollupReport() {}

  static String render(RollupResult result) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "precis: rolled up %d days of %d features: %d daily_costs rows, %d weekly_costs"
                + " rows%n",
            result.days(), result.features(), result.dailyRows(), result.weeklyRows()));
    out.append(
        String.format(
            "precis: alerts through %s: %d fired, %d cleared in this run; firing now: %s%n",
            result.evaluatedThrough(),
            result.fired(),
            result.cleared(),
            result.firing().isEmpty() ? "none" : String.join(", ", result.firing())));
    if (result.notifier().isEmpty()) {
      out.append("precis: no webhook configured (alerts.webhook-url); alerts are in the table\n");
    } else {
      out.append(
          String.format(
              "precis: alerts sent to %s: %d delivered, %d failed%s%n",
              result.notifier().get(),
              result.delivered(),
              result.failedDeliveries(),
              result.failedDeliveries() + result.held() == 0
                  ? ""
                  : ", "
                      + (result.failedDeliveries() + result.held())
                      + " to send again on the next run"));
    }
    return out.toString();
  }
}
