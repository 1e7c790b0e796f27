package io.precis.summarize.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.precis.core.config.Provider;
import io.precis.core.config.TierSettings;
import io.precis.core.model.ErrorCode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AnthropicClient} against canned answers the simulator does not give: a drained credit
 * balance, a refused permission, cache writes, a server that echoes the key. The server also
 * records what the client sent.
 */
class AnthropicClientAnswersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "sk-ant-api03-canned-secret";

  private HttpServer server;
  private final AtomicReference<Headers> sentHeaders = new AtomicReference<>();
  private final AtomicReference<String> sentBody = new AtomicReference<>();
  private final AtomicReference<String> sentPath = new AtomicReference<>();
  private volatile int status;
  private volatile String body;
  private volatile Map<String, String> headers = Map.of();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    sentHeaders.set(exchange.getRequestHeaders());
    sentPath.set(exchange.getRequestURI().toString());
    sentBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    headers.forEach(exchange.getResponseHeaders()::set);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void willAnswer(int status, String body) {
    this.status = status;
    this.body = body;
  }

  private static String error(String type, String message) {
    return "{\"type\":\"error\",\"error\":{\"type\":\""
        + type
        + "\",\"message\":\""
        + message
        + "\"}}";
  }

  private AnthropicClient client() {
    TierSettings tier =
        new TierSettings(
            "premium",
            Provider.ANTHROPIC,
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
            "claude-sonnet-4-5",
            "ANTHROPIC_API_KEY",
            Duration.ofSeconds(5),
            256,
            0.2,
            0);
    return new AnthropicClient(tier, Optional.of(KEY));
  }

  private static ChatRequest request() {
    return new ChatRequest("claude-sonnet-4-5", "Summarize.", "Text to summarize.", 64, 0.2);
  }

  private LlmCallException failure() {
    Throwable thrown = catchThrowable(() -> client().chat(request()));
    assertThat(thrown).isInstanceOf(LlmCallException.class);
    return (LlmCallException) thrown;
  }

  @Test
  void theRequestIsAnthropicsMessagesCallWithTheKeyInXApiKeyOnly() throws Exception {
    willAnswer(
        200,
        "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"Short.\"}],\"stop_reason\":\"end_turn\","
            + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":2}}");

    ChatAnswer answer = client().chat(request());

    assertThat(answer.text()).isEqualTo("Short.");
    assertThat(sentPath.get()).isEqualTo("/v1/messages");
    Headers sent = sentHeaders.get();
    assertThat(sent.getFirst("x-api-key")).isEqualTo(KEY);
    assertThat(sent.getFirst("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(sent.getFirst("Content-Type")).isEqualTo("application/json");
    assertThat(sent.containsKey("Authorization")).isFalse();
    JsonNode request = JSON.readTree(sentBody.get());
    assertThat(request.get("model").asText()).isEqualTo("claude-sonnet-4-5");
    assertThat(request.get("max_tokens").asInt()).isEqualTo(64);
    assertThat(request.get("system").asText()).isEqualTo("Summarize.");
    assertThat(request.get("temperature").asDouble()).isEqualTo(0.2);
    assertThat(request.get("messages")).hasSize(1);
    assertThat(request.at("/messages/0/role").asText()).isEqualTo("user");
    assertThat(request.at("/messages/0/content").asText()).isEqualTo("Text to summarize.");
    assertThat(request.has("stream")).isFalse();
  }

  @Test
  void cacheWritesAndReadsCountAsInputAndReadsAsCached() throws Exception {
    willAnswer(
        200,
        "{\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"A\"},"
            + "{\"type\":\"text\",\"text\":\"B\"}],\"stop_reason\":\"max_tokens\","
            + "\"usage\":{\"input_tokens\":20,\"cache_creation_input_tokens\":300,"
            + "\"cache_read_input_tokens\":1500,\"output_tokens\":64}}");

    ChatAnswer answer = client().chat(request());

    assertThat(answer.text()).isEqualTo("AB");
    assertThat(answer.finishReason()).isEqualTo("length");
    assertThat(answer.usage().inputTokens()).isEqualTo(1820);
    assertThat(answer.usage().cachedInputTokens()).isEqualTo(1500);
    assertThat(answer.usage().outputTokens()).isEqualTo(64);
  }

  @Test
  void aDrainedCreditBalanceIsQuotaExceeded() {
    willAnswer(
        400,
        error(
            "invalid_request_error",
            "Your credit balance is too low to access the Anthropic API. Please go to Plans &"
                + " Billing to upgrade or purchase credits."));

    LlmCallException e = failure();

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_QUOTA_EXCEEDED);
    assertThat(e.getMessage()).startsWith("HTTP 400: Your credit balance is too low");
    assertThat(e.retryAfter()).isEmpty();
  }

  @Test
  void aBillingErrorIsQuotaExceeded() {
    willAnswer(402, error("billing_error", "There is an issue with your billing."));

    assertThat(failure().code()).isEqualTo(ErrorCode.PROVIDER_QUOTA_EXCEEDED);
  }

  @Test
  void anyOtherBadRequestIsRejected() {
    willAnswer(400, error("invalid_request_error", "temperature: range: 0..1"));

    LlmCallException e = failure();

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_REJECTED);
    assertThat(e.getMessage())
        .isEqualTo("HTTP 400: temperature: range: 0..1 (invalid_request_error)");
  }

  @Test
  void aRefusedPermissionIsRejected() {
    willAnswer(403, error("permission_error", "Your API key does not have permission."));

    assertThat(failure().code()).isEqualTo(ErrorCode.PROVIDER_REJECTED);
  }

  @Test
  void overloadedIsAProviderErrorWithoutRetryAfterUnlessSent() {
    willAnswer(529, error("overloaded_error", "Overloaded"));
    assertThat(failure().code()).isEqualTo(ErrorCode.PROVIDER_ERROR);

    headers = Map.of("retry-after", "2.5");
    willAnswer(429, error("rate_limit_error", "slow down"));
    LlmCallException limited = failure();
    assertThat(limited.code()).isEqualTo(ErrorCode.PROVIDER_RATE_LIMITED);
    assertThat(limited.retryAfter()).contains(Duration.ofMillis(2500));

    headers = Map.of("retry-after", "Wed, 21 Oct 2026 07:28:00 GMT");
    assertThat(failure().retryAfter()).isEmpty();
  }

  @Test
  void anAnswerWithoutContentIsBadResponse() {
    willAnswer(200, "{\"type\":\"message\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}");

    LlmCallException e = failure();

    assertThat(e.code()).isEqualTo(ErrorCode.BAD_RESPONSE);
    assertThat(e.getMessage()).isEqualTo("the answer holds no content");
  }

  @Test
  void aKeyEchoedByTheServerIsRedacted() {
    willAnswer(401, error("authentication_error", "invalid x-api-key: " + KEY));

    LlmCallException e = failure();

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_REJECTED);
    assertThat(e.getMessage())
        .isEqualTo("HTTP 401: invalid x-api-key: <redacted> (authentication_error)")
        .doesNotContain(KEY);
  }

  @Test
  void checkReadyAsksForTheModelByItsName() {
    willAnswer(200, "{\"type\":\"model\",\"id\":\"claude-sonnet-4-5-20250929\"}");

    client().checkReady("claude-sonnet-4-5");

    assertThat(sentPath.get()).isEqualTo("/v1/models/claude-sonnet-4-5");
    assertThat(sentHeaders.get().getFirst("x-api-key")).isEqualTo(KEY);
    assertThat(sentHeaders.get().getFirst("anthropic-version")).isEqualTo("2023-06-01");
  }
}
