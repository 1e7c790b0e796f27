package io.precis.summarize;

import static io.precis.summarize.TestSettings.JOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.precis.core.config.Provider;
import io.precis.core.config.RetrySettings;
import io.precis.core.config.TierSettings;
import io.precis.core.cost.ModelPrice;
import io.precis.core.cost.PriceTable;
import io.precis.core.cost.TokenUsage;
import io.precis.core.model.ErrorCode;
import io.precis.core.model.LlmCallRecord;
import io.precis.summarize.client.ChatAnswer;
import io.precis.summarize.client.LlmCallException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one retry layer: which failures are tried again, how long it waits, what it records. */
class RetryTest {
  private static final TokenUsage USAGE = new TokenUsage(100, 20, 0);
  private static final PriceTable PRICES =
      new PriceTable(
          Map.of(
              "openai/fake-model",
              List.of(
                  new ModelPrice(
                      LocalDate.parse("2025-01-01"),
                      new BigDecimal("1.00"),
                      new BigDecimal("0.50"),
                      new BigDecimal("2.00"),
                      BigDecimal.ZERO))));
  private static final TierSettings TIER =
      new TierSettings(
          "premium",
          Provider.OPENAI,
          URI.create("http://127.0.0.1:9/v1"),
          "fake-model",
          "",
          Duration.ofSeconds(30),
          256,
          0.0,
          0);
  private static final RetrySettings THREE =
      new RetrySettings(3, Duration.ofMillis(500), Duration.ofSeconds(20));

  private final List<Duration> slept = new ArrayList<>();

  /** A client that fails with the given failures in turn, then answers. */
  private static FakeLlmClient failingThenAnswering(LlmCallException... failures) {
    Deque<LlmCallException> left = new ArrayDeque<>(List.of(failures));
    return new FakeLlmClient(
        request -> {
          if (!left.isEmpty()) {
            throw left.removeFirst();
          }
          return new ChatAnswer("The pier reopened.", USAGE, "stop");
        });
  }

  private LlmCaller.Result call(FakeLlmClient client, RetrySettings settings, double jitter) {
    LlmCaller caller =
        new LlmCaller(
            Map.of("premium", client),
            Map.of("premium", TIER),
            PRICES,
            Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC),
            CallBudget.unlimited(),
            new Retrier(settings, slept::add, () -> jitter));
    return caller.call("premium", Prompt.CHUNK_SUMMARY, "Sum up.", "Text.", JOB, "d", "c");
  }

  private static LlmCallException failure(ErrorCode code) {
    return new LlmCallException(code, code.name().toLowerCase());
  }

  private static LlmCallException rateLimited(Duration retryAfter) {
    return new LlmCallException(
        ErrorCode.PROVIDER_RATE_LIMITED, "HTTP 429: slow down", retryAfter, null);
  }

  @Test
  void aTransientFailureIsTriedAgainAndTheCallIsOneRecordWithItsAttempts() {
    FakeLlmClient client = failingThenAnswering(failure(ErrorCode.PROVIDER_ERROR));

    LlmCallRecord record = call(client, THREE, 1.0).record();

    assertThat(client.requests()).hasSize(2);
    assertThat(record.ok()).isTrue();
    assertThat(record.attempts()).isEqualTo(2);
    assertThat(record.costUsd()).isEqualByComparingTo("0.00014"); // only the answer is paid
    assertThat(slept).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void atMostThreeAttemptsWithBackoffThatDoublesAndJitterThatTakesAtMostHalf() {
    FakeLlmClient client =
        failingThenAnswering(
            failure(ErrorCode.PROVIDER_TIMEOUT),
            failure(ErrorCode.BAD_RESPONSE),
            failure(ErrorCode.PROVIDER_ERROR),
            failure(ErrorCode.PROVIDER_ERROR));

    LlmCallRecord record = call(client, THREE, 0.0).record();

    assertThat(client.requests()).hasSize(3);
    assertThat(record.ok()).isFalse();
    assertThat(record.attempts()).isEqualTo(3);
    assertThat(record.errorCode()).isEqualTo(ErrorCode.PROVIDER_ERROR);
    assertThat(record.costUsd()).isZero();
    // 500 ms then 1 s, each jittered down to half at the least.
    assertThat(slept).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
  }

  @Test
  void noRetryComesBeforeTheServersRetryAfter() {
    FakeLlmClient client =
        failingThenAnswering(rateLimited(Duration.ofSeconds(3)), rateLimited(Duration.ZERO));

    LlmCallRecord record = call(client, THREE, 1.0).record();

    assertThat(record.ok()).isTrue();
    assertThat(record.attempts()).isEqualTo(3);
    // The first wait is the server's 3 s, longer than the 500 ms backoff; the second, a Retry-After
    // of 0, is the 1 s backoff.
    assertThat(slept).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(1));
  }

  @Test
  void aRetryAfterLongerThanTheMaxDelayIsNotWaitedFor() {
    FakeLlmClient client = failingThenAnswering(rateLimited(Duration.ofSeconds(60)));

    LlmCallRecord record = call(client, THREE, 1.0).record();

    assertThat(client.requests()).hasSize(1);
    assertThat(record.ok()).isFalse();
    assertThat(record.errorCode()).isEqualTo(ErrorCode.PROVIDER_RATE_LIMITED);
    assertThat(record.attempts()).isEqualTo(1);
    assertThat(slept).isEmpty();
  }

  @Test
  void quotaRejectedAndUnreachableAreNotTriedAgain() {
    for (ErrorCode code :
        List.of(
            ErrorCode.PROVIDER_QUOTA_EXCEEDED,
            ErrorCode.PROVIDER_REJECTED,
            ErrorCode.PROVIDER_UNREACHABLE)) {
      FakeLlmClient client = failingThenAnswering(failure(code));

      LlmCallRecord record = call(client, THREE, 1.0).record();

      assertThat(client.requests()).as(code.name()).hasSize(1);
      assertThat(record.errorCode()).isEqualTo(code);
      assertThat(record.attempts()).isEqualTo(1);
    }
    assertThat(slept).isEmpty();
  }

  @Test
  void theBackoffStopsGrowingAtTheMaxDelay() {
    RetrySettings many = new RetrySettings(6, Duration.ofSeconds(1), Duration.ofSeconds(5));
    FakeLlmClient client =
        failingThenAnswering(
            failure(ErrorCode.PROVIDER_ERROR),
            failure(ErrorCode.PROVIDER_ERROR),
            failure(ErrorCode.PROVIDER_ERROR),
            failure(ErrorCode.PROVIDER_ERROR),
            failure(ErrorCode.PROVIDER_ERROR));

    LlmCallRecord record = call(client, many, 1.0).record();

    assertThat(record.attempts()).isEqualTo(6);
    assertThat(slept)
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5));
  }
}
