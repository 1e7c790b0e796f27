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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link AnthropicClient} against the simulator's Anthropic Messages API under /anthropic. */
class AnthropicClientContractTest extends LlmClientContract {
  private static final String KEY_VARIABLE = "PRECIS_TEST_ANTHROPIC_KEY";
  private static final String KEY = "sk-ant-sim-0123456789";

  @Override
  protected Provider provider() {
    return Provider.ANTHROPIC;
  }

  @Override
  protected String baseUrl(LlmSimulator simulator) {
    return simulator.anthropicBaseUrl();
  }

  @Override
  protected String apiUrl(String root) {
    return root + "/anthropic";
  }

  @Override
  protected String completionPath() {
    return "/anthropic/v1/messages";
  }

  @Override
  protected String serverErrorDetail() {
    // The simulator answers this request's server-error fault with Anthropic's 529 (the draw of
    // seed 42, the request and attempt 1); serverErrorsAndOverloadsAreBothProviderErrors covers
    // the 500.
    return "HTTP 529: Overloaded (overloaded_error)";
  }

  @Override
  protected LlmClient newClient(TierSettings tier) {
    return new AnthropicClient(tier, Optional.empty());
  }

  /** A client built the way precis builds it, for a tier that reads its key from a variable. */
  private LlmClient keyedClient(Map<String, String> environment) {
    return LlmClients.create(keyedTier(), environment::get);
  }

  private TierSettings keyedTier() {
    return new TierSettings(
        TIER,
        Provider.ANTHROPIC,
        URI.create(simulator.anthropicBaseUrl()),
        MODEL,
        KEY_VARIABLE,
        Duration.ofSeconds(10),
        256,
        0.0,
        0);
  }

  @Test
  void aRateLimitCarriesTheRetryAfterOfTheServer() {
    simulator.configure(
        SimulatorOptions.builder().rateLimitedShare(1.0).retryAfterSeconds(7).build());

    LlmCallException e = callFailure(() -> client().chat(request(USER, 256)));

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(e.getMessage()).startsWith("HTTP 429: ").endsWith(" (rate_limit_error)");
    assertThat(onlyCompletion().outcome()).isEqualTo(SimulatedCall.Outcome.RATE_LIMITED);
  }

  @Test
  void serverErrorsAndOverloadsAreBothProviderErrors() {
    simulator.configure(SimulatorOptions.builder().serverErrorShare(1.0).build());
    LlmClient client = client();
    Set<String> messages = new HashSet<>();

    for (int i = 0; i < 30 && messages.size() < 2; i++) {
      String user = "Summarize.\n\nPassage " + i + " of the outage test.";
      LlmCallException e = callFailure(() -> client.chat(request(user, 256)));
      assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
      assertThat(e.retryAfter()).isEmpty();
      messages.add(e.getMessage());
    }

    assertThat(messages)
        .containsExactlyInAnyOrder(
            "HTTP 529: Overloaded (overloaded_error)",
            "HTTP 500: Internal server error (api_error)");
    assertThat(simulator.calls().all()).extracting(SimulatedCall::status).containsOnly(500, 529);
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
  void anEmptyAnswerIsAnEmptyTextNotAFailure() throws Exception {
    simulator.configure(
        SimulatorOptions.builder()
            .qualityRule(
                io.precis.testkit.sim.QualityRule.badAtNumbers(
                    "^llama", 0.2, io.precis.testkit.sim.QualityRule.Behaviour.EMPTY))
            .build());

    ChatAnswer answer =
        client().chat(request("Summarize.\n\n2024: 1,204,331 units, 18.4% up.", 256));

    assertThat(answer.text()).isEmpty();
    assertThat(answer.finishReason()).isEqualTo("stop");
    assertThat(answer.usage().outputTokens()).isZero();
  }

  @Test
  void cachedPromptTokensLandInTheUsageAndCountAsInput() throws Exception {
    // The simulator caches a system prompt it saw before, in a prompt of at least 1024 tokens, and
    // reports it as cache_read_input_tokens, outside input_tokens. A system prompt no other test
    // uses.
    String system = "You are the Anthropic client cache test. " + "Keep every figure. ".repeat(230);
    long systemTokens = SimulatedModel.tokens(system);
    assertThat(systemTokens).isGreaterThan(1024);
    String second = USER.replace("Monday", "Tuesday");
    LlmClient client = client();

    ChatAnswer first = client.chat(new ChatRequest(MODEL, system, USER, 256, 0.0));
    ChatAnswer cached = client.chat(new ChatRequest(MODEL, system, second, 256, 0.0));

    assertThat(first.usage().cachedInputTokens()).isZero();
    assertThat(cached.usage().cachedInputTokens()).isEqualTo(systemTokens);
    assertThat(cached.usage().inputTokens())
        .isEqualTo(systemTokens + SimulatedModel.tokens(second) + 8);
    List<SimulatedCall> calls = simulator.calls().all();
    assertThat(cached.usage().inputTokens()).isEqualTo(calls.get(1).inputTokens());
    assertThat(cached.usage().cachedInputTokens()).isEqualTo(calls.get(1).cachedInputTokens());
  }

  @Test
  void theApiKeyFromTheEnvironmentIsSentAsXApiKey() throws Exception {
    // The simulator accepts the key only in x-api-key, and any request only with
    // anthropic-version: an answer proves both headers went out.
    simulator.configure(SimulatorOptions.builder().requiredApiKey(KEY).build());
    LlmClient client = keyedClient(Map.of(KEY_VARIABLE, KEY));

    ChatAnswer answer = client.chat(request(USER, 256));

    assertThat(answer.text()).isEqualTo(SimulatedModel.summarize(USER, 256));
    assertThatCode(() -> client.checkReady(MODEL)).doesNotThrowAnyException();
    assertThat(simulator.calls().all())
        .extracting(SimulatedCall::outcome)
        .containsOnly(SimulatedCall.Outcome.OK);
  }

  @Test
  void aCallWithoutTheRequiredKeyIsProviderRejected() {
    simulator.configure(SimulatorOptions.builder().requiredApiKey(KEY).build());

    LlmCallException e = callFailure(() -> client().chat(request(USER, 256)));

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_REJECTED);
    assertThat(e.getMessage())
        .isEqualTo("HTTP 401: x-api-key header is required (authentication_error)");
    assertThat(e.retryAfter()).isEmpty();
    assertThat(simulator.calls().all())
        .extracting(SimulatedCall::outcome)
        .containsExactly(SimulatedCall.Outcome.UNAUTHORIZED);
  }

  @Test
  void aWrongKeyIsRejectedAndNeverShown() {
    simulator.configure(SimulatorOptions.builder().requiredApiKey(KEY).build());
    String wrong = "sk-ant-wrong-9876543210";
    LlmClient client = keyedClient(Map.of(KEY_VARIABLE, wrong));

    LlmCallException e = callFailure(() -> client.chat(request(USER, 256)));
    Throwable notReady =
        org.assertj.core.api.Assertions.catchThrowable(() -> client.checkReady(MODEL));

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_REJECTED);
    assertThat(e.getMessage()).isEqualTo("HTTP 401: invalid x-api-key (authentication_error)");
    assertThat(notReady)
        .isInstanceOf(PrecisException.class)
        .hasMessage(
            "Cannot reach anthropic at "
                + simulator.anthropicBaseUrl()
                + " for tier 'cheap' (the API key was refused (HTTP 401); check $"
                + KEY_VARIABLE
                + "). Check llm.tiers.cheap.base-url and your network.");
    assertThat(e.getMessage()).doesNotContain(wrong);
    assertThat(notReady.getMessage()).doesNotContain(wrong);
  }

  @Test
  void checkReadyWithoutAKeyVariableSaysToSetOne() {
    simulator.configure(SimulatorOptions.builder().requiredApiKey(KEY).build());

    assertThatThrownBy(() -> client().checkReady(MODEL))
        .isInstanceOf(PrecisException.class)
        .hasMessageContaining(
            "(the server wants an API key (HTTP 401); set llm.tiers.cheap.api-key-env to the"
                + " variable that holds it, e.g. \"ANTHROPIC_API_KEY\")");
  }

  @Test
  void checkReadySaysTheBaseUrlMustNotEndInV1() {
    LlmClient client =
        newClient(tier(simulator.anthropicBaseUrl() + "/v1", Duration.ofSeconds(5), 256));

    assertThatThrownBy(() -> client.checkReady(MODEL))
        .isInstanceOf(PrecisException.class)
        .hasMessageContaining(
            "(GET /v1/models answered HTTP 404; the base URL must be the API root, without /v1"
                + " (e.g. https://api.anthropic.com))")
        .hasMessageContaining("llm.tiers.cheap.base-url");
  }

  @Test
  void checkReadyListsEveryPageOfModels() {
    List<String> models = new ArrayList<>();
    IntStream.range(0, 1001).forEach(i -> models.add("claude-test-" + i));
    simulator.configure(SimulatorOptions.builder().models(models).build());

    assertThatCode(() -> client().checkReady("claude-test-1000")).doesNotThrowAnyException();
    assertThatThrownBy(() -> client().checkReady(MODEL))
        .isInstanceOf(PrecisException.class)
        .hasMessageContaining("does not serve model '" + MODEL + "' (it has 1001 models, e.g.");
    // One GET of the model each, then two pages of the list for the missing one.
    assertThat(simulator.calls().all())
        .extracting(SimulatedCall::path)
        .containsExactly(
            "/anthropic/v1/models/claude-test-1000",
            "/anthropic/v1/models/" + MODEL,
            "/anthropic/v1/models",
            "/anthropic/v1/models");
  }

  @Test
  void checkReadyWorksWithASubSecondTierTimeout() {
    LlmClient client = newClient(tier(simulator.anthropicBaseUrl(), Duration.ofMillis(500), 256));

    assertThatCode(() -> client.checkReady(MODEL)).doesNotThrowAnyException();
  }

  @Test
  void theTierBuildsAnAnthropicClient() {
    assertThat(keyedClient(Map.of(KEY_VARIABLE, KEY))).isInstanceOf(AnthropicClient.class);
    assertThat(keyedTier().modelKey()).isEqualTo("anthropic/" + MODEL);
  }
}
