package io.precis.summarize.client;

import io.github.ollama4j.OllamaAPI;
import io.github.ollama4j.exceptions.OllamaBaseException;
import io.github.ollama4j.models.chat.OllamaChatMessageRole;
import io.github.ollama4j.models.chat.OllamaChatRequest;
import io.github.ollama4j.models.chat.OllamaChatRequestBuilder;
import io.github.ollama4j.models.chat.OllamaChatResponseModel;
import io.github.ollama4j.models.chat.OllamaChatResult;
import io.github.ollama4j.models.response.Model;
import io.github.ollama4j.utils.OptionsBuilder;
import io.precis.core.config.TierSettings;
import io.precis.core.cost.TokenUsage;
import io.precis.core.errors.Errors;
import io.precis.core.model.ErrorCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Ollama's native chat API, through Ollama4j. */
public final class OllamaClient implements LlmClient {
  private final TierSettings tier;
  private final OllamaAPI api;
  private final long timeoutSeconds;

  public OllamaClient(TierSettings tier, Optional<String> apiKey) {
    this.tier = tier;
    this.api = new OllamaAPI(stripTrailingSlash(tier.baseUrl().toString()));
    apiKey.ifPresent(api::setBearerAuth);
    // Ollama4j counts its timeout in whole seconds.
    this.timeoutSeconds = Math.max(1, (tier.timeout().toMillis() + 999) / 1000);
    this.api.setRequestTimeoutSeconds(timeoutSeconds);
    this.api.setVerbose(false);
  }

  @Override
  public ChatAnswer chat(ChatRequest request) throws LlmCallException {
    OllamaChatRequest chat =
        OllamaChatRequestBuilder.getInstance(request.model())
            .withMessage(OllamaChatMessageRole.SYSTEM, request.system())
            .withMessage(OllamaChatMessageRole.USER, request.user())
            .withOptions(
                new OptionsBuilder()
                    .setTemperature((float) request.temperature())
                    .setNumPredict(request.maxOutputTokens())
                    .build())
            .build();
    OllamaChatResult result;
    try {
      result = api.chat(chat);
    } catch (HttpTimeoutException e) {
      throw new LlmCallException(
          ErrorCode.PROVIDER_TIMEOUT, "no answer within " + timeoutSeconds + "s", null, e);
    } catch (ConnectException e) {
      throw new LlmCallException(ErrorCode.PROVIDER_UNREACHABLE, describe(e), null, e);
    } catch (OllamaBaseException e) {
      // Ollama4j reports the error body but not the status code.
      String message = describe(e);
      ErrorCode code =
          message.toLowerCase(Locale.ROOT).contains("not found")
              ? ErrorCode.PROVIDER_REJECTED
              : ErrorCode.PROVIDER_ERROR;
      throw new LlmCallException(code, message, null, e);
    } catch (IOException e) {
      throw new LlmCallException(ErrorCode.BAD_RESPONSE, describe(e), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LlmCallException(ErrorCode.PROVIDER_ERROR, "interrupted", null, e);
    } catch (RuntimeException | io.github.ollama4j.exceptions.ToolInvocationException e) {
      throw new LlmCallException(ErrorCode.BAD_RESPONSE, describe(e), null, e);
    }
    OllamaChatResponseModel response = result.getResponseModel();
    if (response == null || response.getMessage() == null) {
      throw new LlmCallException(ErrorCode.BAD_RESPONSE, "the answer holds no message");
    }
    TokenUsage usage =
        new TokenUsage(orZero(response.getPromptEvalCount()), orZero(response.getEvalCount()), 0);
    String text =
        response.getMessage().getContent() == null ? "" : response.getMessage().getContent();
    String finish = response.getDoneReason() == null ? "stop" : response.getDoneReason();
    return new ChatAnswer(text, usage, finish);
  }

  @Override
  public void checkReady(String model) {
    String url = tier.baseUrl().toString();
    List<Model> models;
    try {
      models = api.listModels();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.providerUnreachable(tier.name(), "ollama", url, "interrupted");
    } catch (Exception e) {
      throw Errors.providerUnreachable(tier.name(), "ollama", url, describe(e));
    }
    boolean served =
        models.stream()
            .map(Model::getName)
            .anyMatch(name -> name.equals(model) || name.equals(model + ":latest"));
    if (!served) {
      throw Errors.modelNotServed(
          tier.name(),
          "ollama",
          model,
          url,
          "it has " + models.stream().map(Model::getName).toList());
    }
  }

  private static long orZero(Integer value) {
    return value == null ? 0 : value;
  }

  static String describe(Throwable e) {
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e.getCause() instanceof ConnectException) {
      return "connection refused";
    }
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return message.length() > 300 ? message.substring(0, 300) + "..." : message;
  }

  static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
