package io.precis.summarize.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.precis.core.config.CircuitBreakerSettings;
import io.precis.core.model.ErrorCode;
import io.precis.summarize.client.LlmCallException;
import io.precis.summarize.limits.CircuitBreaker.Permit;
import io.precis.summarize.limits.CircuitBreaker.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The circuit breaker's states and transitions, on a fake clock. */
class CircuitBreakerTest {
  private static final String KEY = "openai/gpt-4o@https://api.openai.com/v1";
  private static final Duration COOL_DOWN = Duration.ofSeconds(30);

  private final FakeTime time = new FakeTime();
  private final CircuitBreaker breaker =
      new CircuitBreaker(KEY, new CircuitBreakerSettings(3, COOL_DOWN), time::nanoTime);

  private static LlmCallException failure(ErrorCode code) {
    return new LlmCallException(code, "HTTP 500: boom");
  }

  private void fail(int times, ErrorCode code) throws LlmCallException {
    for (int i = 0; i < times; i++) {
      breaker.failed(breaker.enter(), failure(code));
    }
  }

  private LlmCallException refusal() {
    return catchThrowableOfType(LlmCallException.class, breaker::enter);
  }

  @Test
  void opensAfterTheConfiguredConsecutiveFailuresAndThenRefusesAtOnce() throws Exception {
    fail(2, ErrorCode.PROVIDER_ERROR);
    assertThat(breaker.state()).isEqualTo(State.CLOSED);

    fail(1, ErrorCode.PROVIDER_TIMEOUT);

    assertThat(breaker.state()).isEqualTo(State.OPEN);
    time.advance(Duration.ofSeconds(10));
    LlmCallException refused = refusal();
    assertThat(refused).isNotNull();
    assertThat(refused.code()).isEqualTo(ErrorCode.PROVIDER_CIRCUIT_OPEN);
    assertThat(refused.retryAfter()).contains(Duration.ofSeconds(20));
    assertThat(refused.getMessage())
        .isEqualTo(
            "circuit breaker open for "
                + KEY
                + " after 3 consecutive failures (last PROVIDER_TIMEOUT: HTTP 500: boom): calls"
                + " fail at once for 20.0 s more, then one probe call is let through. A later run"
                + " tries again; if the provider is healthy, raise llm.circuit-breaker.failures (0"
                + " turns the breaker off)");
  }

  @Test
  void everyUnwellCodeCountsAndASuccessStartsTheCountAgain() throws Exception {
    breaker.failed(breaker.enter(), failure(ErrorCode.PROVIDER_UNREACHABLE));
    breaker.failed(breaker.enter(), failure(ErrorCode.BAD_RESPONSE));
    breaker.succeeded(breaker.enter());
    fail(2, ErrorCode.PROVIDER_ERROR);
    assertThat(breaker.state()).isEqualTo(State.CLOSED);

    fail(1, ErrorCode.PROVIDER_ERROR);
    assertThat(breaker.state()).isEqualTo(State.OPEN);
  }

  @Test
  void rateLimitsQuotaAndRejectedRequestsNeitherCountNorReset() throws Exception {
    fail(2, ErrorCode.PROVIDER_ERROR);
    for (ErrorCode code :
        List.of(
            ErrorCode.PROVIDER_RATE_LIMITED,
            ErrorCode.PROVIDER_QUOTA_EXCEEDED,
            ErrorCode.PROVIDER_REJECTED,
            ErrorCode.PROVIDER_RATE_LIMITED)) {
      breaker.failed(breaker.enter(), failure(code));
    }
    assertThat(breaker.state()).isEqualTo(State.CLOSED);

    fail(1, ErrorCode.PROVIDER_ERROR); // the third consecutive unwell failure
    assertThat(breaker.state()).isEqualTo(State.OPEN);
  }

  @Test
  void afterTheCoolDownOneProbeGoesAndItsSuccessCloses() throws Exception {
    fail(3, ErrorCode.PROVIDER_ERROR);
    time.advance(COOL_DOWN.minusNanos(1));
    assertThat(refusal()).isNotNull();
    time.advance(Duration.ofNanos(1));
    assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);

    Permit probe = breaker.enter();
    assertThat(probe.probe()).isTrue();
    LlmCallException whileProbing = refusal();
    assertThat(whileProbing.code()).isEqualTo(ErrorCode.PROVIDER_CIRCUIT_OPEN);
    assertThat(whileProbing.getMessage()).contains("until the probe call in flight succeeds");

    breaker.succeeded(probe);

    assertThat(breaker.state()).isEqualTo(State.CLOSED);
    Permit next = breaker.enter();
    assertThat(next.probe()).isFalse();
    // Closed again with a fresh count: two failures do not reopen it.
    breaker.failed(next, failure(ErrorCode.PROVIDER_ERROR));
    fail(1, ErrorCode.PROVIDER_ERROR);
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
  }

  @Test
  void aFailedProbeOpensForAnotherFullCoolDown() throws Exception {
    fail(3, ErrorCode.PROVIDER_ERROR);
    time.advance(COOL_DOWN);
    Permit probe = breaker.enter();

    breaker.failed(probe, failure(ErrorCode.PROVIDER_TIMEOUT));

    assertThat(breaker.state()).isEqualTo(State.OPEN);
    LlmCallException refused = refusal();
    assertThat(refused.retryAfter()).contains(COOL_DOWN);
    assertThat(refused.getMessage())
        .contains("after a failed probe call (PROVIDER_TIMEOUT: HTTP 500: boom)");
    time.advance(COOL_DOWN);
    assertThat(breaker.enter().probe()).isTrue();
  }

  @Test
  void aProbeThatSaysNothingAboutHealthOrIsAbandonedLetsTheNextCallProbe() throws Exception {
    fail(3, ErrorCode.PROVIDER_ERROR);
    time.advance(COOL_DOWN);

    breaker.failed(breaker.enter(), failure(ErrorCode.PROVIDER_RATE_LIMITED));
    assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    Permit second = breaker.enter();
    assertThat(second.probe()).isTrue();
    breaker.abandoned(second);
    Permit third = breaker.enter();
    assertThat(third.probe()).isTrue();
    assertThat(refusal()).isNotNull();
  }

  @Test
  void outcomesOfCallsLetThroughBeforeItOpenedAreIgnored() throws Exception {
    List<Permit> inFlight = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      inFlight.add(breaker.enter());
    }
    for (int i = 0; i < 3; i++) {
      breaker.failed(inFlight.get(i), failure(ErrorCode.PROVIDER_ERROR));
    }
    assertThat(breaker.state()).isEqualTo(State.OPEN);

    breaker.succeeded(inFlight.get(3)); // a straggler's success does not close it
    assertThat(breaker.state()).isEqualTo(State.OPEN);
    time.advance(COOL_DOWN);
    Permit probe = breaker.enter();
    breaker.succeeded(probe);
    for (int i = 4; i < 10; i++) { // nor do stragglers' failures reopen it
      breaker.failed(inFlight.get(i), failure(ErrorCode.PROVIDER_ERROR));
    }
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
  }

  @Test
  void zeroFailuresTurnsTheBreakerOff() throws Exception {
    CircuitBreaker off = new CircuitBreaker(KEY, CircuitBreakerSettings.off(), time::nanoTime);

    for (int i = 0; i < 100; i++) {
      off.failed(off.enter(), failure(ErrorCode.PROVIDER_ERROR));
    }

    assertThat(off.state()).isEqualTo(State.CLOSED);
  }
}
