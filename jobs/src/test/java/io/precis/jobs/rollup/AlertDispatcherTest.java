package io.precis.jobs.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.core.errors.Errors;
import io.precis.jobs.rollup.AlertTransition.AlertKey;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which transitions are sent and recorded: new ones only, in order, held after a failure. */
class AlertDispatcherTest {
  private static final LocalDate DAY = LocalDate.of(2026, 10, 13);

  /** Records what it is sent; fails for the features it is told to. */
  private static final class FakeNotifier implements AlertNotifier {
    final List<AlertTransition> sent = new ArrayList<>();
    final Set<String> failFor;

    FakeNotifier(Set<String> failFor) {
      this.failFor = failFor;
    }

    @Override
    public void send(AlertTransition transition) {
      sent.add(transition);
      if (failFor.contains(transition.feature())) {
        throw Errors.webhookRejected("http://hooks.test/x", transition.describe(), "HTTP 500");
      }
    }

    @Override
    public String destination() {
      return "http://hooks.test/x";
    }
  }

  private static AlertTransition transition(String feature, int day, AlertState state) {
    return new AlertTransition(
        feature, DAY.plusDays(day), state, BigDecimal.TEN, BigDecimal.ONE, 10.0, "because");
  }

  private static final List<AlertEvaluation> EVALUATIONS =
      List.of(
          new AlertEvaluation(
              "search", List.of(), List.of(transition("search", 0, AlertState.FIRING))),
          new AlertEvaluation(
              "bot",
              List.of(),
              List.of(
                  transition("bot", 0, AlertState.FIRING),
                  transition("bot", 3, AlertState.OK),
                  transition("bot", 9, AlertState.FIRING))));

  @Test
  void sendsAndRecordsOnlyTransitionsTheTableDoesNotHoldInOrderOfFeatureAndDay() {
    FakeNotifier notifier = new FakeNotifier(Set.of());
    List<String> warnings = new ArrayList<>();
    Set<AlertKey> recorded = Set.of(transition("bot", 0, AlertState.FIRING).key());

    var dispatch =
        new AlertDispatcher(Optional.of(notifier), warnings::add).dispatch(EVALUATIONS, recorded);

    assertThat(notifier.sent)
        .extracting(t -> t.feature() + " " + t.state() + " " + t.day())
        .containsExactly("bot OK 2026-10-16", "bot FIRING 2026-10-22", "search FIRING 2026-10-13");
    assertThat(dispatch.toRecord()).isEqualTo(notifier.sent);
    assertThat(dispatch.delivered()).isEqualTo(3);
    assertThat(dispatch.failed()).isZero();
    assertThat(warnings).isEmpty();
  }

  @Test
  void aFailedDeliveryIsNotRecordedAndHoldsTheFeaturesLaterTransitions() {
    FakeNotifier notifier = new FakeNotifier(Set.of("bot"));
    List<String> warnings = new ArrayList<>();

    var dispatch =
        new AlertDispatcher(Optional.of(notifier), warnings::add).dispatch(EVALUATIONS, Set.of());

    assertThat(notifier.sent)
        .extracting(t -> t.feature() + " " + t.state())
        .containsExactly("bot FIRING", "search FIRING");
    assertThat(dispatch.toRecord()).extracting(AlertTransition::feature).containsExactly("search");
    assertThat(dispatch.delivered()).isEqualTo(1);
    assertThat(dispatch.failed()).isEqualTo(1);
    assertThat(dispatch.held()).isEqualTo(2);
    assertThat(warnings)
        .containsExactly(
            "warning: The alert webhook at http://hooks.test/x did not accept the FIRING alert of"
                + " feature 'bot' for 2026-10-13 (HTTP 500). The alert is not recorded, so the next"
                + " precis rollup sends it again; check alerts.webhook-url and that the receiver"
                + " answers 2xx.");
  }

  @Test
  void withoutANotifierEveryNewTransitionIsRecorded() {
    var dispatch = new AlertDispatcher(Optional.empty(), w -> {}).dispatch(EVALUATIONS, Set.of());

    assertThat(dispatch.toRecord()).hasSize(4);
    assertThat(dispatch.delivered()).isZero();
  }
}
