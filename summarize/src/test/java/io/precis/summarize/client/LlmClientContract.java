package io.precis.summarize.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.precis.core.config.Provider;
import io.precis.core.config.TierSettings;
import io.precis.core.errors.PrecisException;
import io.precis.core.model.ErrorCode;
import io.precis.testkit.sim.LlmSimulator;
import io.precis.testkit.sim.SimulatedCall;
import io.precis.testkit.sim.SimulatedModel;
import io.precis.testkit.sim.SimulatorOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link LlmClient} must do, checked against a real {@link LlmSimulator} (one per test
 * class). A subclass says how to build its client and where its API lives; the simulator is reset
 * to well-behaved defaults and its call log cleared before every test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LlmClientContract {
  /** A model the simulator serves by default (its first listed model). */
  protected static final String MODEL = "llama3.2:3b";

  protected static final String TIER = "cheap";

  protected static final String SYSTEM =
      "You summarize passages of longer documents. Answer with the summary only.";

  /**
   * An instruction, a blank line, then the passage: the simulator summarizes only the passage,
   * whitespace-normalized.
   */
  protected static final String USER =
      "Summarize this passage of \"harbour.txt\".\n\n"
          + "The harbour reopened on Monday after the storm.   Ferries to the islands resumed\n"
          + "at noon. Repairs to the north pier will cost about 2.4 million euros and take"
          + " six weeks.";

  protected LlmSimulator simulator;

  /** The tier's provider. */
  protected abstract Provider provider();

  /** The base URL of this client's API on the simulator. */
  protected abstract String baseUrl(LlmSimulator simulator);

  /** The base URL of this client's API on a server that listens on {@code root}. */
  protected abstract String apiUrl(String root);

  /** The path of a chat completion in the simulator's call log. */
  protected abstract String completionPath();

  /** Part of the message of the exception for an HTTP 500 from the simulator. */
  protected abstract String serverErrorDetail();

  /** The client under test for the tier. */
  protected abstract LlmClient newClient(TierSettings tier);

  @BeforeAll
  void startSimulator() {
    simulator = LlmSimulator.start(SimulatorOptions.defaults());
  }

  @AfterAll
  void stopSimulator() {
    simulator.close();
  }

  @BeforeEach
  void resetSimulator() {
    simulator.configure(SimulatorOptions.defaults());
    simulator.calls().clear();
  }

  protected TierSettings tier(String baseUrl, Duration timeout, int maxOutputTokens) {
    return new TierSettings(
        TIER, provider(), URI.create(baseUrl), MODEL, "", timeout, maxOutputTokens, 0.0, 0);
  }

  protected LlmClient client() {
    return newClient(tier(baseUrl(simulator), Duration.ofSeconds(10), 256));
  }

  protected static ChatRequest request(String user, int maxOutputTokens) {
    return new ChatRequest(MODEL, SYSTEM, user, maxOutputTokens, 0.0);
  }

  /** The one chat completion the simulator logged since the last reset. */
  protected SimulatedCall onlyCompletion() {
    List<SimulatedCall> completions =
        simulator.calls().all().stream().filter(SimulatedCall::isCompletion).toList();
    assertThat(completions).hasSize(1);
    SimulatedCall call = completions.get(0);
    assertThat(call.path()).isEqualTo(completionPath());
    assertThat(call.model()).isEqualTo(MODEL);
    return call;
  }

  /** The exception the call threw, which must be an {@link LlmCallException}. */
  protected static LlmCallException callFailure(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(LlmCallException.class);
    return (LlmCallException) thrown;
  }

  /** A port nothing listens on: bound, then released. */
  protected static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void answersWithTheSimulatedSummaryOfThePassage() throws Exception {
    ChatAnswer answer = client().chat(request(USER, 256));

    String expected = SimulatedModel.summarize(USER, 256);
    assertThat(answer.text()).isEqualTo(expected);
    // The instruction before the blank line is not part of what the model summarizes.
    assertThat(answer.text())
        .startsWith("The harbour reopened on Monday after the storm. Ferries to the islands")
        .doesNotContain("harbour.txt");
    assertThat(answer.finishReason()).isEqualTo("stop");
  }

  @Test
  void reportsTheTokenUsageTheServerCounted() throws Exception {
    ChatAnswer answer = client().chat(request(USER, 256));

    SimulatedCall call = onlyCompletion();
    assertThat(call.outcome()).isEqualTo(SimulatedCall.Outcome.OK);
    assertThat(answer.usage().inputTokens()).isEqualTo(call.inputTokens());
    assertThat(answer.usage().outputTokens()).isEqualTo(call.outputTokens());
    assertThat(answer.usage().cachedInputTokens()).isEqualTo(call.cachedInputTokens());
    // The simulator's documented counts: each message's tokens plus 4 for its framing.
    assertThat(answer.usage().inputTokens())
        .isEqualTo(
            SimulatedModel.tokens(SYSTEM)
                + SimulatedModel.tokens(USER)
                + 2 * SimulatedModel.TOKENS_PER_MESSAGE);
    assertThat(answer.usage().outputTokens())
        .isEqualTo(SimulatedModel.tokens(answer.text()))
        .isPositive();
  }

  @Test
  void cutsTheAnswerAtMaxOutputTokensWithFinishReasonLength() throws Exception {
    ChatAnswer answer = client().chat(request(USER, 6));

    assertThat(answer.text()).isEqualTo(SimulatedModel.summarize(USER, 6));
    assertThat(answer.text()).isEqualTo("The harbour reopened on");
    assertThat(answer.finishReason()).isEqualTo("length");
    assertThat(answer.usage().outputTokens())
        .isEqualTo(SimulatedModel.tokens(answer.text()))
        .isLessThanOrEqualTo(6);
  }

  @Test
  void oneClientServesConcurrentCallsEachWithItsOwnAnswer() throws Exception {
    LlmClient client = client();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<ChatAnswer>> answers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String user =
            "Summarize.\n\nCall number " + i + " asks about pier " + i + ". Nothing else.";
        answers.add(pool.submit(() -> client.chat(request(user, 256))));
      }
      for (int i = 0; i < 16; i++) {
        assertThat(answers.get(i).get(10, TimeUnit.SECONDS).text())
            .isEqualTo("Call number " + i + " asks about pier " + i + ". Nothing else.");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(simulator.calls().successfulCompletions()).isEqualTo(16);
  }

  @Test
  void aServerErrorIsProviderError() {
    simulator.configure(SimulatorOptions.builder().serverErrorShare(1.0).build());

    LlmCallException e = callFailure(() -> client().chat(request(USER, 256)));

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
    assertThat(e.getMessage()).contains(serverErrorDetail());
    assertThat(e.retryAfter()).isEmpty();
    assertThat(onlyCompletion().outcome()).isEqualTo(SimulatedCall.Outcome.SERVER_ERROR);
  }

  @Test
  void noAnswerWithinTheTierTimeoutIsProviderTimeout() {
    simulator.configure(
        SimulatorOptions.builder().timeoutShare(1.0).timeoutHang(Duration.ofSeconds(10)).build());
    LlmClient client = newClient(tier(baseUrl(simulator), Duration.ofSeconds(1), 256));

    long start = System.nanoTime();
    LlmCallException e = callFailure(() -> client.chat(request(USER, 256)));
    Duration waited = Duration.ofNanos(System.nanoTime() - start);

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_TIMEOUT);
    assertThat(e.getMessage()).isEqualTo("no answer within 1s");
    // Given up after about the tier's timeout, long before the simulator lets go (10 s).
    assertThat(waited)
        .isGreaterThanOrEqualTo(Duration.ofMillis(900))
        .isLessThan(Duration.ofSeconds(5));
    assertThat(onlyCompletion().outcome()).isEqualTo(SimulatedCall.Outcome.TIMEOUT);
  }

  @Test
  void aRefusedConnectionIsProviderUnreachable() throws Exception {
    String url = apiUrl("http://127.0.0.1:" + closedPort());
    LlmClient client = newClient(tier(url, Duration.ofSeconds(5), 256));

    LlmCallException e = callFailure(() -> client.chat(request(USER, 256)));

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNREACHABLE);
    assertThat(e.getMessage()).isEqualTo("connection refused");
  }

  @Test
  void aModelTheServerDoesNotServeIsProviderRejected() {
    simulator.configure(SimulatorOptions.builder().models("qwen2.5:7b").build());

    LlmCallException e = callFailure(() -> client().chat(request(USER, 256)));

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_REJECTED);
    assertThat(e.getMessage()).contains(MODEL);
  }

  @Test
  void checkReadyPassesForAServedModel() {
    assertThatCode(() -> client().checkReady(MODEL)).doesNotThrowAnyException();
  }

  @Test
  void checkReadyNamesAModelTheServerDoesNotServeAndHowToFixIt() {
    simulator.configure(SimulatorOptions.builder().models("qwen2.5:7b", "mistral:7b").build());

    assertThatThrownBy(() -> client().checkReady(MODEL))
        .isInstanceOf(PrecisException.class)
        .hasMessageContaining("tier '" + TIER + "'")
        .hasMessageContaining("does not serve model '" + MODEL + "'")
        .hasMessageContaining("set llm.tiers." + TIER + ".model to a model the server has");
  }

  @Test
  void checkReadySaysItCannotReachAServerThatIsDown() throws Exception {
    String url = apiUrl("http://127.0.0.1:" + closedPort());
    LlmClient client = newClient(tier(url, Duration.ofSeconds(5), 256));

    assertThatThrownBy(() -> client.checkReady(MODEL))
        .isInstanceOf(PrecisException.class)
        .hasMessageStartingWith("Cannot reach " + provider().id() + " at " + url)
        .hasMessageContaining("for tier '" + TIER + "' (connection refused)")
        .hasMessageContaining("llm.tiers." + TIER + ".base-url");
  }
}
