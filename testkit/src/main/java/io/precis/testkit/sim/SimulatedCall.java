package io.precis.testkit.sim;

import java.time.Instant;
import java.util.Objects;

/**
 * One request the simulator answered, as recorded in its {@link CallLog}.
 *
 * @param at when the request arrived
 * @param api {@code "ollama"}, {@code "openai"} or {@code "anthropic"}
 * @param path the request path, e.g. {@code /api/chat}, {@code /v1/chat/completions} or {@code
 *     /anthropic/v1/messages}
 * @param model the model asked for; empty when the request named none
 * @param status the HTTP status answered; 0 for a timeout, which answers nothing
 * @param outcome what the simulator did
 * @param inputTokens the prompt tokens counted (0 for a request that did not reach the model)
 * @param outputTokens the answer tokens counted
 * @param cachedInputTokens the prompt tokens reported as served from the prompt cache
 * @param requestHash SHA-256 hex of the prompt text (all message contents joined) and the model;
 *     empty for requests that never draw a fault (metadata, rejected requests)
 * @param attempt how many requests with this hash the simulator has seen, this one included; 0 when
 *     {@code requestHash} is empty
 */
public record SimulatedCall(
    Instant at,
    String api,
    String path,
    String model,
    int status,
    Outcome outcome,
    long inputTokens,
    long outputTokens,
    long cachedInputTokens,
    String requestHash,
    int attempt) {

  /** What the simulator did with a request. */
  public enum Outcome {
    /** Answered normally (HTTP 200). */
    OK,
    /** Answered HTTP 429 with a Retry-After header. */
    RATE_LIMITED,
    /** Answered HTTP 500 (the Anthropic API: 500 or 529 overloaded). */
    SERVER_ERROR,
    /** Held the request, then closed the connection without an answer. */
    TIMEOUT,
    /** Answered HTTP 200 with a truncated body. */
    MALFORMED,
    /** Answered HTTP 404: unknown model or path. */
    NOT_FOUND,
    /** Answered HTTP 400 (or 405): the request was not understood. */
    BAD_REQUEST,
    /** Answered HTTP 401: missing or wrong API key. */
    UNAUTHORIZED
  }

  public SimulatedCall {
    Objects.requireNonNull(at, "at is null");
    Objects.requireNonNull(api, "api is null");
    Objects.requireNonNull(path, "path is null");
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(outcome, "outcome is null");
    Objects.requireNonNull(requestHash, "requestHash is null");
  }

  /**
   * Whether this call was a completion ({@code /api/chat}, {@code /api/generate}, {@code
   * /v1/chat/completions} or Anthropic's {@code /v1/messages}) rather than an embedding or metadata
   * request.
   */
  public boolean isCompletion() {
    return path.endsWith("/chat")
        || path.endsWith("/generate")
        || path.endsWith("/completions")
        || path.endsWith("/messages");
  }
}
