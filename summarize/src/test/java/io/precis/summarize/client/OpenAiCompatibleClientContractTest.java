package io.precis.summarize.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.config.Provider;
import io.precis.core.config.TierSettings;
import io.precis.core.errors.PrecisException;
import io.precis.core.model.ErrorCode;
import io.precis.testkit.sim.LlmSimulator;
import io.precis.testkit.sim.SimulatedCall;
import io.precis.testkit.sim.SimulatedModel;
import io.precis.testkit.sim.SimulatorOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link OpenAiCompatibleClient} against the simulator's OpenAI API under /v1. */
class OpenAiCompatibleClientContractTest extends LlmClientContract {
  private static final String KEY_VARIABLE = "PRECIS_TEST_SIM_KEY";
  private static final String KEY = "sk-sim-0123456789";

  @Override
  protected Provider provider() {
    return Provider.OPENAI;
  }

  @Override
  protected String baseUrl(LlmSimulator simulator) {
    return simulator.openAiBaseUrl();
  }

  @Override
  protected String apiUrl(String root) {
    return root + "/v1";
  }

  @Override
  protected String completionPath() {
    return "/v1/chat/completions";
  }

  @Override
  protected String serverErrorDetail() {
    return "HTTP 500: The server had an error while processing your request. Sorry about that!";
  }

  @Override
  protected LlmClient newClient(TierSettings tier) {
    return new OpenAiCompatibleClient(tier, Optional.empty());
  }

  /** A client built the way precis builds it, for a tier that reads its key from a variable. */
  private LlmClient keyedClient(Map<String, String> environment) {
    TierSettings tier =
        new TierSettings(
            TIER,
            Provider.OPENAI,
            URI.create(simulator.openAiBaseUrl()),
            MODEL,
            KEY_VARIABLE,
            Duration.ofSeconds(10),
            256,
            0.0,
            0);
    return LlmClients.create(tier, environment::get);
  }

  @Test
  @Override
  void checkReadyNamesAModelTheServerDoesNotServeAndHowToFixIt() {
    super.checkReadyNamesAModelTheServerDoesNotServeAndHowToFixIt();
  }

  @Test
  void aRateLimitCarriesTheRetryAfterOfTheServer() {
    simulator.configure(
        SimulatorOptions.builder().rateLimitedShare(1.0).retryAfterSeconds(7).build());

    LlmCallException e = callFailure(() -> client().chat(request(USER, 256)));

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(e.getMessage())
        .isEqualTo("HTTP 429: Rate limit reached for requests. Please try again later.");
    assertThat(onlyCompletion().outcome()).isEqualTo(SimulatedCall.Outcome.RATE_LIMITED);
  }

  @Test
  void aTruncatedBodyIsBadResponse() {
    simulator.configure(SimulatorOptions.builder().malformedShare(1.0).build());

    LlmCallException e = callFailure(() -> client().chat(request(USER, 256)));

    assertThat(e.code()).isEqualTo(ErrorCode.BAD_RESPONSE);
    assertThat(e.getMessage()).startsWith("the answer is not valid JSON: Unexpected end-of-input");
    assertThat(onlyCompletion().outcome()).isEqualTo(SimulatedCall.Outcome.MALFORMED);
  }

  @Test
  void theApiKeyFromTheEnvironmentIsAccepted() throws Exception {
    simulator.configure(SimulatorOptions.builder().requiredApiKey(KEY).build());
    LlmClient client = keyedClient(Map.of(KEY_VARIABLE, KEY));

    ChatAnswer answer = client.chat(request(USER, 256));

    assertThat(answer.text()).isEqualTo(SimulatedModel.summarize(USER, 256));
    assertThatCode(() -> client.checkReady(MODEL)).doesNotThrowAnyException();
  }

  @Test
  void aCallWithoutTheRequiredKeyIsProviderRejected() {
    simulator.configure(SimulatorOptions.builder().requiredApiKey(KEY).build());

    LlmCallException e = callFailure(() -> client().chat(request(USER, 256)));

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_REJECTED);
    assertThat(e.getMessage()).startsWith("HTTP 401: Incorrect API key provided.");
    assertThat(e.retryAfter()).isEmpty();
    assertThat(simulator.calls().all())
        .extracting(SimulatedCall::outcome)
        .containsExactly(SimulatedCall.Outcome.UNAUTHORIZED);
  }

  @Test
  void checkReadySaysTheKeyWasRefused() {
    simulator.configure(SimulatorOptions.builder().requiredApiKey(KEY).build());
    LlmClient client = keyedClient(Map.of(KEY_VARIABLE, "sk-wrong"));

    assertThat(callFailure(() -> client.chat(request(USER, 256))).code())
        .isEqualTo(ErrorCode.PROVIDER_REJECTED);
    assertThatThrownBy(() -> client.checkReady(MODEL))
        .isInstanceOf(PrecisException.class)
        .hasMessage(
            "Cannot reach openai at "
                + simulator.openAiBaseUrl()
                + " for tier 'cheap' (the API key was refused (HTTP 401); check $"
                + KEY_VARIABLE
                + "). Check llm.tiers.cheap.base-url and your network.");
  }

  @Test
  void checkReadyReportsABaseUrlThatIsNotAnOpenAiApi() {
    // The Ollama root instead of .../v1: the server answers, but GET /models is not found.
    LlmClient client = newClient(tier(simulator.baseUrl(), Duration.ofSeconds(5), 256));

    assertThatThrownBy(() -> client.checkReady(MODEL))
        .isInstanceOf(PrecisException.class)
        .hasMessageContaining("(GET /models answered HTTP 404)")
        .hasMessageContaining("llm.tiers.cheap.base-url");
  }

  @Test
  void cachedPromptTokensLandInTheUsage() throws Exception {
    // The simulator caches like OpenAI: a system message it saw before, in a prompt of at least
    // 1024 tokens, is reported as cached_tokens. A system message no other test uses.
    String system = "You are the cache test. " + "Keep every figure. ".repeat(230);
    assertThat(SimulatedModel.tokens(system)).isGreaterThan(1024);
    LlmClient client = client();

    ChatAnswer first = client.chat(new ChatRequest(MODEL, system, USER, 256, 0.0));
    ChatAnswer second =
        client.chat(new ChatRequest(MODEL, system, USER.replace("Monday", "Tuesday"), 256, 0.0));

    assertThat(first.usage().cachedInputTokens()).isZero();
    assertThat(second.usage().cachedInputTokens()).isEqualTo(SimulatedModel.tokens(system));
    assertThat(second.usage().inputTokens())
        .isEqualTo(
            SimulatedModel.tokens(system)
                + SimulatedModel.tokens(USER.replace("Monday", "Tuesday"))
                + 8);
    assertThat(simulator.calls().all())
        .filteredOn(SimulatedCall::isCompletion)
        .extracting(SimulatedCall::cachedInputTokens)
        .containsExactly(0L, SimulatedModel.tokens(system));
  }

  @Test
  void checkReadyWorksWithASubSecondTierTimeout() {
    LlmClient client = newClient(tier(simulator.openAiBaseUrl(), Duration.ofMillis(500), 256));

    assertThatCode(() -> client.checkReady(MODEL)).doesNotThrowAnyException();
  }
}
