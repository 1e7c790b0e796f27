package io.precis.jobs.rollup;

import io.precis.core.errors.PrecisException;
import io.precis.jobs.rollup.AlertTransition.AlertKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Picks the transitions the alerts table does not hold yet and sends them, in order of feature and
 * day, through the notifier. Only what the receiver accepted (or everything, with no notifier) is
 * to be recorded, so a failed delivery is sent again by the next run. After a feature's first
 * failure, its later transitions wait too, so a receiver never sees a clear before its fire.
 */
final class AlertDispatcher {
  private final Optional<AlertNotifier> notifier;
  private final Consumer<String> warnings;

  AlertDispatcher(Optional<AlertNotifier> notifier, Consumer<String> warnings) {
    this.notifier = Objects.requireNonNull(notifier, "notifier is null");
    this.warnings = Objects.requireNonNull(warnings, "warnings is null");
  }

  /** What a dispatch did. */
  record Dispatch(List<AlertTransition> toRecord, int delivered, int failed, int held) {
    Dispatch {
      toRecord = List.copyOf(toRecord);
    }
  }

  /**
   * @param evaluations every feature's transitions over its full history
   * @param recorded the keys the alerts table already holds
   */
  Dispatch dispatch(List<AlertEvaluation> evaluations, Set<AlertKey> recorded) {
    List<AlertTransition> toRecord = new ArrayList<>();
    Set<String> failedFeatures = new HashSet<>();
    int delivered = 0;
    int failed = 0;
    int held = 0;
    List<AlertTransition> fresh =
        evaluations.stream()
            .flatMap(evaluation -> evaluation.transitions().stream())
            .filter(transition -> !recorded.contains(transition.key()))
            .sorted(
                java.util.Comparator.comparing(AlertTransition::feature)
                    .thenComparing(AlertTransition::day))
            .toList();
    for (AlertTransition transition : fresh) {
      if (failedFeatures.contains(transition.feature())) {
        held++;
        continue;
      }
      if (notifier.isPresent()) {
        try {
          notifier.get().send(transition);
          delivered++;
        } catch (PrecisException e) {
          warnings.accept("warning: " + e.getMessage());
          failedFeatures.add(transition.feature());
          failed++;
          continue;
        }
      }
      toRecord.add(transition);
    }
    return new Dispatch(toRecord, delivered, failed, held);
  }
}
