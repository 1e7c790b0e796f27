package io.precis.summarize.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.precis.core.config.TierSettings;
import io.precis.core.cost.TokenUsage;
import io.precis.core.errors.Errors;
import io.precis.core.model.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Anthropic's Messages API ({@code POST <base-url>/v1/messages}, the base URL being e.g. {@code
 * https://api.anthropic.com}), over the JDK's HTTP client, one whole answer per call. The API key,
 * if any, comes from the environment variable the tier names and is sent only in the {@code
 * x-api-key} header; error messages never carry it.
 *
 * <p>Anthropic counts the prompt tokens read from or written to its prompt cache apart from {@code
 * input_tokens}; {@link TokenUsage#inputTokens()} counts every prompt token, so this client adds
 * them, and reports the cache reads as {@link TokenUsage#cachedInputTokens()}.
 */
public final class AnthropicClient implements LlmClient {
  /** The {@code anthropic-version} header of every request. */
  public static final String API_VERSION = "2023-06-01";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROVIDER = "anthropic";
  private static final int MODELS_PER_PAGE = 1000;
  private static final int MAX_MODEL_PAGES = 10;

  private final TierSettings tier;
  private final String baseUrl;
  private final Optional<String> apiKey;
  private final HttpClient http;

  public AnthropicClient(TierSettings tier, Optional<String> apiKey) {
    this.tier = tier;
    this.baseUrl = OllamaClient.stripTrailingSlash(tier.baseUrl().toString());
    this.apiKey = apiKey;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  @Override
  public ChatAnswer chat(ChatRequest request) throws LlmCallException {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", request.model());
    body.put("max_tokens", request.maxOutputTokens());
    if (!request.system().isEmpty()) {
      body.put("system", request.system());
    }
    body.putArray("messages").addObject().put("role", "user").put("content", request.user());
    body.put("temperature", request.temperature());
    HttpResponse<String> response = send(post("/v1/messages", body.toString()));
    if (response.statusCode() != 200) {
      throw failure(response);
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new LlmCallException(
          ErrorCode.BAD_RESPONSE,
          "the answer is not valid JSON: " + OllamaClient.describe(e),
          null,
          e);
    }
    JsonNode content = answer == null ? null : answer.get("content");
    if (content == null || !content.isArray()) {
      throw new LlmCallException(ErrorCode.BAD_RESPONSE, "the answer holds no content");
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode block : content) {
      if (block.path("type").asText("").equals("text")) {
        text.append(block.path("text").asText(""));
      }
    }
    return new ChatAnswer(
        text.toString(), usage(answer.path("usage")), finishReason(answer.path("stop_reason")));
  }

  /**
   * The usage in precis' terms: input counts the tokens Anthropic bills as input, as cache writes
   * and as cache reads together; cached input counts the cache reads.
   */
  static TokenUsage usage(JsonNode usage) {
    long uncached = usage.path("input_tokens").asLong(0);
    long written = usage.path("cache_creation_input_tokens").asLong(0);
    long read = usage.path("cache_read_input_tokens").asLong(0);
    return new TokenUsage(uncached + written + read, usage.path("output_tokens").asLong(0), read);
  }

  /**
   * The stop reason in the other clients' terms: {@code length} for an answer cut at max_tokens,
   * {@code stop} for a finished one; any other reason (refusal, pause_turn...) as Anthropic says
   * it.
   */
  static String finishReason(JsonNode stopReason) {
    String reason = stopReason.asText("");
    return switch (reason) {
      case "max_tokens" -> "length";
      case "end_turn", "stop_sequence", "" -> "stop";
      default -> reason;
    };
  }

  /**
   * Checks that the model answers {@code GET /v1/models/{model}}, which also resolves Anthropic's
   * aliases; if it does not, the error lists the models of {@code GET /v1/models}.
   */
  @Override
  public void checkReady(String model) {
    HttpResponse<String> response = fetch("/v1/models/" + encode(model));
    if (response.statusCode() == 200) {
      return;
    }
    if (response.statusCode() != 404) {
      throw unready(response, "GET /v1/models/" + model);
    }
    List<String> models = listModels();
    String listed =
        models.size() <= 10
            ? "it has " + models
            : "it has " + models.size() + " models, e.g. " + models.subList(0, 10);
    throw Errors.modelNotServed(tier.name(), PROVIDER, model, baseUrl, listed);
  }

  /** Every model of {@code GET /v1/models}, page after page. */
  private List<String> listModels() {
    List<String> models = new ArrayList<>();
    String after = null;
    for (int page = 0; page < MAX_MODEL_PAGES; page++) {
      String path =
          "/v1/models?limit="
              + MODELS_PER_PAGE
              + (after == null ? "" : "&after_id=" + encode(after));
      HttpResponse<String> response = fetch(path);
      if (response.statusCode() != 200) {
        throw unready(response, "GET /v1/models");
      }
      JsonNode list;
      try {
        list = JSON.readTree(response.body());
      } catch (IOException e) {
        throw Errors.providerUnreachable(
            tier.name(), PROVIDER, baseUrl, "GET /v1/models answered with a body that is not JSON");
      }
      for (JsonNode entry : list.path("data")) {
        models.add(entry.path("id").asText());
      }
      after = list.path("last_id").asText(null);
      if (!list.path("has_more").asBoolean(false) || after == null) {
        break;
      }
    }
    return models;
  }

  private HttpResponse<String> fetch(String path) {
    try {
      return send(get(path));
    } catch (LlmCallException e) {
      throw Errors.providerUnreachable(tier.name(), PROVIDER, baseUrl, e.getMessage());
    }
  }

  /** The pre-start error for an answer other than 200 or a model's 404. */
  private RuntimeException unready(HttpResponse<String> response, String request) {
    int status = response.statusCode();
    String detail;
    if ((status == 401 || status == 403) && tier.apiKeyEnv().isEmpty()) {
      detail =
          "the server wants an API key (HTTP "
              + status
              + "); set "
              + tier.key("api-key-env")
              + " to the variable that holds it, e.g. \"ANTHROPIC_API_KEY\"";
    } else if (status == 401 || status == 403) {
      detail = "the API key was refused (HTTP " + status + "); check $" + tier.apiKeyEnv();
    } else if (status == 404) {
      detail =
          request
              + " answered HTTP 404; the base URL must be the API root, without /v1 (e.g."
              + " https://api.anthropic.com)";
    } else {
      detail = request + " answered HTTP " + status + ": " + errorMessage(response.body());
    }
    return Errors.providerUnreachable(tier.name(), PROVIDER, baseUrl, redact(detail));
  }

  private HttpRequest post(String path, String json) {
    return headers(HttpRequest.newBuilder(URI.create(baseUrl + path)))
        .timeout(tier.timeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  private HttpRequest get(String path) {
    Duration timeout =
        tier.timeout().compareTo(Duration.ofSeconds(30)) <= 0
            ? tier.timeout()
            : Duration.ofSeconds(30);
    return headers(HttpRequest.newBuilder(URI.create(baseUrl + path)))
        .timeout(timeout)
        .GET()
        .build();
  }

  private HttpRequest.Builder headers(HttpRequest.Builder builder) {
    builder.header("anthropic-version", API_VERSION);
    apiKey.ifPresent(key -> builder.header("x-api-key", key));
    return builder;
  }

  private HttpResponse<String> send(HttpRequest request) throws LlmCallException {
    return ChatHttp.send(http, request, tier.timeout(), this::redact);
  }

  /**
   * The call's failure, classified: 429 is a rate limit (with the server's Retry-After), a 400 or
   * 402 about credit is an exhausted quota, 5xx and Anthropic's 529 overloaded are provider errors,
   * any other status a rejection (bad key, unknown model, bad request).
   */
  private LlmCallException failure(HttpResponse<String> response) {
    int status = response.statusCode();
    String detail = redact("HTTP " + status + ": " + errorMessage(response.body()));
    return ChatHttp.failure(
        response, detail, status == 402 || (status == 400 && isCreditExhausted(response.body())));
  }

  /**
   * Whether an error body says the account has no credit left: Anthropic answers 400 {@code
   * invalid_request_error} "Your credit balance is too low to access the Anthropic API...", or
   * {@code billing_error}. Retrying does not help until someone adds credit.
   */
  static boolean isCreditExhausted(String body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      return error.path("type").asText("").equals("billing_error")
          || error.path("message").asText("").toLowerCase(Locale.ROOT).contains("credit balance");
    } catch (IOException e) {
      return false;
    }
  }

  /** The message of Anthropic's error body with its type, or the start of any other body. */
  private static String errorMessage(String body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      if (error.path("message").isTextual()) {
        String type = error.path("type").asText("");
        return error.path("message").asText() + (type.isEmpty() ? "" : " (" + type + ")");
      }
    } catch (IOException e) {
      // not JSON: fall through to the raw body
    }
    return body.length() > 200 ? body.substring(0, 200) + "..." : body;
  }

  /** The text with the API key, should a server or proxy echo it, replaced. */
  private String redact(String text) {
    return apiKey.map(key -> text.replace(key, "<redacted>")).orElse(text);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
