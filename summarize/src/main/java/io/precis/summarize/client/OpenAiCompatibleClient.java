package io.precis.summarize.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.precis.core.config.TierSettings;
import io.precis.core.cost.TokenUsage;
import io.precis.core.errors.Errors;
import io.precis.core.model.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Any OpenAI-compatible chat completions API (OpenAI, vLLM, DeepSeek, xAI, OpenRouter, Ollama's
 * /v1), over the JDK's HTTP client. The API key, if any, comes from the environment variable the
 * tier names and is sent only in the Authorization header.
 */
public final class OpenAiCompatibleClient implements LlmClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TierSettings tier;
  private final String baseUrl;
  private final Optional<String> apiKey;
  private final HttpClient http;

  public OpenAiCompatibleClient(TierSettings tier, Optional<String> apiKey) {
    this.tier = tier;
    this.baseUrl = OllamaClient.stripTrailingSlash(tier.baseUrl().toString());
    this.apiKey = apiKey;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  @Override
  public ChatAnswer chat(ChatRequest request) throws LlmCallException {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", request.model());
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", request.system());
    messages.addObject().put("role", "user").put("content", request.user());
    body.put("max_tokens", request.maxOutputTokens());
    body.put("temperature", request.temperature());
    HttpResponse<String> response = send(post("/chat/completions", body.toString()));
    if (response.statusCode() != 200) {
      throw failure(response);
    }
    try {
      JsonNode answer = JSON.readTree(response.body());
      JsonNode choice = answer.path("choices").path(0);
      JsonNode content = choice.path("message").path("content");
      if (choice.isMissingNode() || !content.isTextual()) {
        throw new LlmCallException(ErrorCode.BAD_RESPONSE, "the answer holds no message content");
      }
      JsonNode usage = answer.path("usage");
      TokenUsage tokens =
          new TokenUsage(
              usage.path("prompt_tokens").asLong(0),
              usage.path("completion_tokens").asLong(0),
              usage.path("prompt_tokens_details").path("cached_tokens").asLong(0));
      return new ChatAnswer(content.asText(), tokens, choice.path("finish_reason").asText("stop"));
    } catch (IOException e) {
      throw new LlmCallException(
          ErrorCode.BAD_RESPONSE,
          "the answer is not valid JSON: " + OllamaClient.describe(e),
          null,
          e);
    }
  }

  @Override
  public void checkReady(String model) {
    HttpResponse<String> response;
    try {
      response = send(get("/models"));
    } catch (LlmCallException e) {
      throw Errors.providerUnreachable(tier.name(), "openai", baseUrl, e.getMessage());
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      throw Errors.providerUnreachable(
          tier.name(),
          "openai",
          baseUrl,
          "the API key was refused (HTTP "
              + response.statusCode()
              + "); check $"
              + tier.apiKeyEnv());
    }
    if (response.statusCode() != 200) {
      throw Errors.providerUnreachable(
          tier.name(), "openai", baseUrl, "GET /models answered HTTP " + response.statusCode());
    }
    List<String> models = new ArrayList<>();
    try {
      for (JsonNode entry : JSON.readTree(response.body()).path("data")) {
        models.add(entry.path("id").asText());
      }
    } catch (IOException e) {
      throw Errors.providerUnreachable(
          tier.name(), "openai", baseUrl, "GET /models answered with a body that is not JSON");
    }
    if (!models.contains(model)) {
      String listed =
          models.size() <= 10
              ? "it has " + models
              : "it has " + models.size() + " models, e.g. " + models.subList(0, 10);
      throw Errors.modelNotServed(tier.name(), "openai", model, baseUrl, listed);
    }
  }

  private HttpRequest post(String path, String json) {
    return authorized(HttpRequest.newBuilder(URI.create(baseUrl + path)))
        .timeout(tier.timeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  private HttpRequest get(String path) {
    return authorized(HttpRequest.newBuilder(URI.create(baseUrl + path)))
        .timeout(min(tier.timeout(), Duration.ofSeconds(30)))
        .GET()
        .build();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
    apiKey.ifPresent(key -> builder.header("Authorization", "Bearer " + key));
    return builder;
  }

  private HttpResponse<String> send(HttpRequest request) throws LlmCallException {
    return ChatHttp.send(http, request, tier.timeout(), text -> text);
  }

  private static LlmCallException failure(HttpResponse<String> response) {
    int status = response.statusCode();
    String detail = "HTTP " + status + ": " + errorMessage(response.body());
    return ChatHttp.failure(
        response, detail, status == 402 || (status == 429 && isQuota(response.body())));
  }

  /**
   * Whether an error body says the account is out of quota or credit: OpenAI answers 429 with
   * {@code "code": "insufficient_quota"} (or that type) for both rate limits and an empty account.
   */
  static boolean isQuota(String body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      return error.path("code").asText("").equals("insufficient_quota")
          || error.path("type").asText("").equals("insufficient_quota");
    } catch (IOException e) {
      return false;
    }
  }

  private static String errorMessage(String body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      if (error.isTextual()) {
        return error.asText();
      }
      if (error.path("message").isTextual()) {
        return error.path("message").asText();
      }
    } catch (IOException e) {
      // not JSON: fall through to the raw body
    }
    return body.length() > 200 ? body.substring(0, 200) + "..." : body;
  }
}
