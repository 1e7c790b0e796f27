package io.precis.summarize.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.precis.core.config.CircuitBreakerSettings;
import io.precis.core.config.ConfigLoader;
import io.precis.core.config.PrecisSettings;
import io.precis.core.config.Provider;
import io.precis.core.config.RetrySettings;
import io.precis.core.config.TierSettings;
import io.precis.core.cost.ModelPrice;
import io.precis.core.cost.PriceTable;
import io.precis.core.cost.TokenUsage;
import io.precis.core.model.Chunk;
import io.precis.core.model.ErrorCode;
import io.precis.core.model.JobContext;
import io.precis.core.model.LlmCallRecord;
import io.precis.core.model.Resolution;
import io.precis.summarize.CallBudget;
import io.precis.summarize.ChunkOutcome;
import io.precis.summarize.LlmCaller;
import io.precis.summarize.Prompt;
import io.precis.summarize.Retrier;
import io.precis.summarize.SummarizerServices;
import io.precis.summarize.client.ChatAnswer;
import io.precis.summarize.client.ChatRequest;
import io.precis.summarize.client.LlmCallException;
import io.precis.summarize.client.LlmClient;
import io.precis.summarize.client.OpenAiCompatibleClient;
import io.precis.testkit.sim.LlmSimulator;
import io.precis.testkit.sim.SimulatedCall;
import io.precis.testkit.sim.SimulatorOptions;
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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The limiter and breaker around a client: against a fake client, and against the simulator. */
class LimitedClientTest {
  private static final JobContext JOB = new JobContext("job-1", "handbooks", "acme", "alice");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-10-01T12:00:00Z"), ZoneOffset.UTC);
  private static final TokenUsage USAGE = new TokenUsage(100, 20, 0);
  private static final String SYSTEM = "S".repeat(40);
  private static final String USER = "U".repeat(360);

  private static LlmSimulator simulator;

  private final FakeTime time = new FakeTime();
  private final List<Duration> retrySleeps = new ArrayList<>();

  @BeforeAll
  static void startSimulator() {
    simulator = LlmSimulator.start(SimulatorOptions.defaults());
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @BeforeEach
  void resetSimulator() {
    simulator.configure(SimulatorOptions.builder().serverErrorShare(1.0).build());
    simulator.calls().clear();
  }

  /** Answers as told and counts the requests that reached it. */
  private static final class FakeClient implements LlmClient {
    interface Behaviour {
      ChatAnswer answer(ChatRequest request) throws LlmCallException;
    }

    private final Behaviour behaviour;
    private final AtomicInteger requests = new AtomicInteger();

    FakeClient(Behaviour behaviour) {
      this.behaviour = behaviour;
    }

    static FakeClient failingThenAnswering(ErrorCode... failures) {
      Deque<ErrorCode> left = new ArrayDeque<>(List.of(failures));
      return new FakeClient(
          request -> {
            if (!left.isEmpty()) {
              ErrorCode code = left.removeFirst();
              throw new LlmCallException(code, code.name().toLowerCase());
            }
            return new ChatAnswer("An answer.", USAGE, "stop");
          });
    }

    int requests() {
      return requests.get();
    }

    @Override
    public ChatAnswer chat(ChatRequest request) throws LlmCallException {
      requests.incrementAndGet();
      return behaviour.answer(request);
    }

    @Override
    public void checkReady(String model) {}
  }

  private static TierSettings tier(String baseUrl, int requestsPerMinute, long tokensPerMinute) {
    return new TierSettings(
        "premium",
        Provider.OPENAI,
        URI.create(baseUrl),
        "gpt-4o",
        "",
        Duration.ofSeconds(10),
        100,
        0.0,
        0,
        requestsPerMinute,
        tokensPerMinute);
  }

  private static final TierSettings TIER = tier("http://127.0.0.1:9/v1", 0, 0);

  private RateLimiter limiter(TierSettings tier) {
    return new RateLimiter(
        tier.requestsPerMinute(), tier.tokensPerMinute(), time::nanoTime, time.waiter());
  }

  private CircuitBreaker breaker(int failures) {
    return new CircuitBreaker(
        TIER.limitsKey(),
        new CircuitBreakerSettings(failures, Duration.ofSeconds(30)),
        time::nanoTime);
  }

  private static ChatRequest request() {
    return new ChatRequest("gpt-4o", SYSTEM, USER, 100, 0.0);
  }

  /** The caller with its one retry loop (3 attempts, no real waits) over the client. */
  private LlmCaller caller(TierSettings tier, LlmClient client) {
    PriceTable prices =
        new PriceTable(
            Map.of(
                tier.modelKey(),
                List.of(
                    new ModelPrice(
                        LocalDate.parse("2025-01-01"),
                        new BigDecimal("2.50"),
                        new BigDecimal("1.25"),
                        new BigDecimal("10.00"),
                        BigDecimal.ZERO))));
    return new LlmCaller(
        Map.of(tier.name(), client),
        Map.of(tier.name(), tier),
        prices,
        CLOCK,
        CallBudget.unlimited(),
        new Retrier(
            new RetrySettings(3, Duration.ofMillis(500), Duration.ofSeconds(20)),
            retrySleeps::add,
            () -> 0.0));
  }

  private static LlmCallRecord call(LlmCaller caller, String tier, String user) {
    return caller.call(tier, Prompt.CHUNK_SUMMARY, "Sum up.", user, JOB, "doc", "chunk").record();
  }

  @Test
  void theEstimateIsTheCharactersAtFourAToken_TheMessagesAndTheOutputBudget() {
    LimitedClient client =
        new LimitedClient(new FakeClient(r -> null), TIER, limiter(TIER), breaker(5));

    // 400 characters / 4 + 2 messages x 4 + max-output-tokens 100
    assertThat(client.estimatedTokens(request())).isEqualTo(208);
    TierSettings threePerToken =
        new TierSettings(
            "t",
            Provider.OPENAI,
            URI.create("http://h/v1"),
            "m",
            "",
            Duration.ofSeconds(1),
            100,
            0.0,
            3.0);
    assertThat(
            new LimitedClient(new FakeClient(r -> null), threePerToken, limiter(TIER), breaker(5))
                .estimatedTokens(request()))
        .isEqualTo(134 + 8 + 100);
  }

  @Test
  void eachAttemptOfTheRetryLoopIsOneRequestAgainstTheLimit() {
    TierSettings tier = tier("http://127.0.0.1:9/v1", 2, 0); // 2 a minute: one every 30 s
    FakeClient fake =
        FakeClient.failingThenAnswering(
            ErrorCode.PROVIDER_RATE_LIMITED, ErrorCode.PROVIDER_RATE_LIMITED);
    LlmClient client = new LimitedClient(fake, tier, limiter(tier), breaker(5));

    LlmCallRecord record = call(caller(tier, client), "premium", "Text.");

    assertThat(record.ok()).isTrue();
    assertThat(record.attempts()).isEqualTo(3);
    assertThat(fake.requests()).isEqualTo(3);
    // The first two attempts used the burst; the third waited its turn in the limiter.
    assertThat(time.waits()).containsExactly(Duration.ofSeconds(30));
    assertThat(retrySleeps).hasSize(2);
  }

  @Test
  void tokensAreEstimatedBeforeTheCallAndSettledWithTheReportedUsage() throws Exception {
    TierSettings tier = tier("http://127.0.0.1:9/v1", 0, 1000);
    RateLimiter limiter = limiter(tier);
    FakeClient fake = FakeClient.failingThenAnswering();
    LimitedClient client = new LimitedClient(fake, tier, limiter, breaker(5));

    // Five estimates of 208 would not fit in 1000 tokens; five answers of 120 do.
    for (int i = 0; i < 5; i++) {
      client.chat(request());
    }
    assertThat(time.takeWaits()).isEmpty();

    limiter.acquire(400); // 1000 - 5 x 120
    assertThat(time.takeWaits()).isEmpty();
    limiter.acquire(1);
    assertThat(time.takeWaits()).containsExactly(Duration.ofMillis(60));
  }

  @Test
  void aFailureThatMayHaveReachedTheModelKeepsItsEstimateAndOthersGiveItBack() throws Exception {
    TierSettings tier = tier("http://127.0.0.1:9/v1", 0, 1000);
    RateLimiter limiter = limiter(tier);
    FakeClient fake =
        FakeClient.failingThenAnswering(
            ErrorCode.PROVIDER_REJECTED,
            ErrorCode.PROVIDER_UNREACHABLE,
            ErrorCode.PROVIDER_RATE_LIMITED,
            ErrorCode.PROVIDER_TIMEOUT);
    LimitedClient client = new LimitedClient(fake, tier, limiter, breaker(0));

    for (int i = 0; i < 4; i++) {
      catchThrowableOfType(LlmCallException.class, () -> client.chat(request()));
    }
    assertThat(fake.requests()).isEqualTo(4);

    limiter.acquire(1000 - 208); // only the timed-out attempt's 208 are still charged
    assertThat(time.takeWaits()).isEmpty();
    limiter.acquire(1);
    assertThat(time.takeWaits()).containsExactly(Duration.ofMillis(60));
  }

  @Test
  void anOpenBreakerRefusesAtOnceWithoutCallingTheClientOrWaitingForTheLimiter() {
    TierSettings tier = tier("http://127.0.0.1:9/v1", 1, 0); // one a minute
    FakeClient fake =
        new FakeClient(
            request -> {
              throw new LlmCallException(ErrorCode.PROVIDER_ERROR, "HTTP 500");
            });
    LimitedClient client = new LimitedClient(fake, tier, limiter(tier), breaker(2));

    catchThrowableOfType(LlmCallException.class, () -> client.chat(request()));
    catchThrowableOfType(LlmCallException.class, () -> client.chat(request()));
    LlmCallException refused =
        catchThrowableOfType(LlmCallException.class, () -> client.chat(request()));

    assertThat(refused.code()).isEqualTo(ErrorCode.PROVIDER_CIRCUIT_OPEN);
    assertThat(fake.requests()).isEqualTo(2);
    assertThat(time.waits()).containsExactly(Duration.ofMinutes(1)); // the second call's wait only
  }

  @Test
  void againstTheSimulatorServerErrorsOpenTheBreakerAndTheNextCallNeverReachesIt() {
    TierSettings tier = tier(simulator.openAiBaseUrl(), 0, 0);
    CircuitBreaker breaker =
        new CircuitBreaker(
            tier.limitsKey(),
            new CircuitBreakerSettings(5, Duration.ofSeconds(30)),
            time::nanoTime);
    LlmClient client =
        new LimitedClient(
            new OpenAiCompatibleClient(tier, Optional.empty()), tier, limiter(tier), breaker);
    LlmCaller caller = caller(tier, client);

    LlmCallRecord first = call(caller, "premium", "First passage.");
    LlmCallRecord second = call(caller, "premium", "Second passage.");

    assertThat(first.errorCode()).isEqualTo(ErrorCode.PROVIDER_ERROR);
    assertThat(first.attempts()).isEqualTo(3);
    // The fifth server error in a row opened the breaker; the third attempt was refused.
    assertThat(second.errorCode()).isEqualTo(ErrorCode.PROVIDER_CIRCUIT_OPEN);
    assertThat(second.attempts()).isEqualTo(3);
    assertThat(completions(simulator)).isEqualTo(5);

    LlmCallRecord third = call(caller, "premium", "Third passage.");

    // Not retried within the call, and the simulator never saw it.
    assertThat(third.errorCode()).isEqualTo(ErrorCode.PROVIDER_CIRCUIT_OPEN);
    assertThat(third.attempts()).isEqualTo(1);
    assertThat(third.errorMessage()).contains(tier.limitsKey());
    assertThat(completions(simulator)).isEqualTo(5);
    assertThat(simulator.calls().all())
        .allMatch(c -> c.outcome() == SimulatedCall.Outcome.SERVER_ERROR);

    // The provider recovers; after the cool-down one probe goes, succeeds, and closes it.
    simulator.configure(SimulatorOptions.defaults());
    time.advance(Duration.ofSeconds(30));
    LlmCallRecord fourth = call(caller, "premium", "Fourth passage.");

    assertThat(fourth.ok()).isTrue();
    assertThat(fourth.attempts()).isEqualTo(1);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(simulator.calls().successfulCompletions()).isEqualTo(1);
  }

  private static long completions(LlmSimulator simulator) {
    return simulator.calls().count(SimulatedCall::isCompletion);
  }

  @Test
  void theWiredServicesOfTwoTasksShareOneBreakerPerModel() {
    PrecisSettings settings =
        PrecisSettings.from(
            ConfigLoader.load(
                Optional.empty(),
                List.of(
                    "llm.tiers.cheap.base-url=" + simulator.baseUrl(),
                    "llm.tiers.premium.base-url=" + simulator.openAiBaseUrl(),
                    "llm.tiers.premium.api-key-env=",
                    "llm.retry.max-attempts=1",
                    "llm.circuit-breaker.failures=2")));
    SummarizerServices task1 = SummarizerServices.create(settings, name -> null, CLOCK);
    SummarizerServices task2 = SummarizerServices.create(settings, name -> null, CLOCK);
    String prose = "Employees book business travel through the travel portal.";

    ChunkOutcome a = task1.chunks().summarize(Chunk.of("doc-1", 0, prose, 12), "h.md", JOB);
    ChunkOutcome b = task2.chunks().summarize(Chunk.of("doc-2", 0, prose, 12), "h.md", JOB);
    ChunkOutcome c = task1.chunks().summarize(Chunk.of("doc-3", 0, prose, 12), "h.md", JOB);
    ChunkOutcome d = task2.chunks().summarize(Chunk.of("doc-4", 0, prose, 12), "h.md", JOB);

    assertThat(List.of(a, b, c, d)).allMatch(o -> o.resolution() == Resolution.UNRESOLVED);
    assertThat(a.reason()).startsWith("PROVIDER_ERROR");
    assertThat(b.reason()).startsWith("PROVIDER_ERROR");
    // The two failures of tasks 1 and 2 opened the cheap model's one breaker: the next chunks of
    // both tasks are refused on the cheap tier without a request, and fall back to premium (which
    // fails too here).
    for (ChunkOutcome fellBack : List.of(c, d)) {
      assertThat(fellBack.calls().get(0).errorCode()).isEqualTo(ErrorCode.PROVIDER_CIRCUIT_OPEN);
      assertThat(fellBack.calls().get(1).tier()).isEqualTo("premium");
      assertThat(fellBack.reason()).contains("cheap failed (PROVIDER_CIRCUIT_OPEN)");
    }
    assertThat(simulator.calls().all())
        .extracting(SimulatedCall::path)
        .containsExactly("/api/chat", "/api/chat", "/v1/chat/completions", "/v1/chat/completions");
  }

  @Test
  void theRegistryGivesTheSameInstancesForTheSameModelServerAndLimits() {
    TierSettings premium = tier("http://registry-test:8000/v1", 60, 1000);
    TierSettings sameModelOtherName =
        new TierSettings(
            "premium-long",
            Provider.OPENAI,
            URI.create("http://registry-test:8000/v1/"),
            "gpt-4o",
            "",
            Duration.ofSeconds(99),
            4096,
            0.7,
            0,
            60,
            1000);
    CircuitBreakerSettings breaker = CircuitBreakerSettings.defaults();

    ModelLimits first = ModelLimits.shared(premium, breaker);
    ModelLimits second = ModelLimits.shared(sameModelOtherName, breaker);
    ModelLimits otherLimits =
        ModelLimits.shared(tier("http://registry-test:8000/v1", 61, 1000), breaker);
    ModelLimits otherServer =
        ModelLimits.shared(tier("http://registry-test:8001/v1", 60, 1000), breaker);

    assertThat(second.limiter()).isSameAs(first.limiter());
    assertThat(second.breaker()).isSameAs(first.breaker());
    assertThat(otherLimits.limiter()).isNotSameAs(first.limiter());
    assertThat(otherLimits.breaker()).isSameAs(first.breaker());
    assertThat(otherServer.limiter()).isNotSameAs(first.limiter());
    assertThat(otherServer.breaker()).isNotSameAs(first.breaker());
    assertThat(first.limiter().requestsPerMinute()).isEqualTo(60);
    assertThat(first.limiter().tokensPerMinute()).isEqualTo(1000);
  }

  @Test
  void aTierWithoutLimitsAndWithTheBreakerOffIsNotWrapped() {
    FakeClient fake = FakeClient.failingThenAnswering();

    assertThat(LimitedClient.wrap(fake, TIER, CircuitBreakerSettings.off())).isSameAs(fake);
    assertThat(LimitedClient.wrap(fake, TIER, CircuitBreakerSettings.defaults()))
        .isInstanceOf(LimitedClient.class);
    assertThat(LimitedClient.wrap(fake, tier("http://h/v1", 0, 5), CircuitBreakerSettings.off()))
        .isInstanceOf(LimitedClient.class);
  }
}
