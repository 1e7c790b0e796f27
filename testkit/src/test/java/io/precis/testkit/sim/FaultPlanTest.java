package io.precis.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.precis.testkit.sim.SimulatedCall.Outcome;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

  @Test
  void drawsAreDeterministicAndDependOnSeedHashAndAttempt() {
    double draw = FaultPlan.draw(42, "abc", 1);

    assertThat(draw).isBetween(0.0, 1.0).isNotEqualTo(1.0);
    assertThat(FaultPlan.draw(42, "abc", 1)).isEqualTo(draw);
    assertThat(FaultPlan.draw(43, "abc", 1)).isNotEqualTo(draw);
    assertThat(FaultPlan.draw(42, "abd", 1)).isNotEqualTo(draw);
    assertThat(FaultPlan.draw(42, "abc", 2)).isNotEqualTo(draw);
  }

  @Test
  void noSharesMeansNoFaultsAndAFullShareMeansAlways() {
    FaultPlan none = new FaultPlan(SimulatorOptions.defaults());
    FaultPlan always = new FaultPlan(SimulatorOptions.builder().serverErrorShare(1).build());

    for (int i = 0; i < 200; i++) {
      assertThat(none.decide("hash" + i, 1)).isEqualTo(Outcome.OK);
      assertThat(always.decide("hash" + i, 1)).isEqualTo(Outcome.SERVER_ERROR);
    }
  }

  @Test
  void faultsComeInTheirSharesWalkedInOrder() {
    FaultPlan plan =
        new FaultPlan(
            SimulatorOptions.builder()
                .rateLimitedShare(0.2)
                .serverErrorShare(0.1)
                .timeoutShare(0.1)
                .malformedShare(0.1)
                .build());
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    int requests = 5000;

    for (int i = 0; i < requests; i++) {
      counts.merge(plan.decide(FaultPlan.sha256Hex("request " + i), 1), 1, Integer::sum);
    }

    assertThat(counts.get(Outcome.RATE_LIMITED) / (double) requests).isCloseTo(0.2, within(0.03));
    assertThat(counts.get(Outcome.SERVER_ERROR) / (double) requests).isCloseTo(0.1, within(0.03));
    assertThat(counts.get(Outcome.TIMEOUT) / (double) requests).isCloseTo(0.1, within(0.03));
    assertThat(counts.get(Outcome.MALFORMED) / (double) requests).isCloseTo(0.1, within(0.03));
    assertThat(counts.get(Outcome.OK) / (double) requests).isCloseTo(0.5, within(0.03));
  }
}
