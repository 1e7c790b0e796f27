package io.precis.jobs.rollup;

import java.util.List;
import java.util.Objects;

/** One feature's spend history walked day by day: every day's reading and the transitions. */
public record AlertEvaluation(
    String feature, List<DayEvaluation> days, List<AlertTransition> transitions) {
  public AlertEvaluation {
    Objects.requireNonNull(feature, "feature is null");
    days = List.copyOf(days);
    transitions = List.copyOf(transitions);
  }

  /** The state after the last day; OK for an empty history. */
  public AlertState finalState() {
    return days.isEmpty() ? AlertState.OK : days.get(days.size() - 1).state();
  }
}
