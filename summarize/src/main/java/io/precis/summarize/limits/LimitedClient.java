package io.precis.summarize.limits;

import io.precis.core.config.CircuitBreakerSettings;
import io.precis.core.config.TierSettings;
import io.precis.core.cost.TokenUsage;
import io.precis.core.model.ErrorCode;
import io.precis.summarize.client.ChatAnswer;
import io.precis.summarize.client.ChatRequest;
import io.precis.summarize.client.LlmCallException;
import io.precis.summarize.client.LlmClient;
import java.util.Objects;

/**
 * A client whose every attempt passes its model's circuit breaker and rate limiter first: a call to
 * an open breaker fails at once with {@link ErrorCode#PROVIDER_CIRCUIT_OPEN} without waiting for
 * the limiter; a call let through waits for one request and its estimated tokens, is made, and then
 * settles the tokens with the usage the answer reported and tells the breaker how it went. Each
 * attempt of {@link io.precis.summarize.Retrier}'s retry loop is one request against the limits;
 * nothing is retried here.
 *
 * <p>The estimate is the request's characters divided by the tier's {@code chars-per-token} (4 when
 * that is 0), plus a few tokens a message, plus its {@code max-output-tokens} (what OpenAI counts
 * against a token limit when it receives a request). A failed attempt keeps its estimate charged
 * when the provider may have done the work (server error, timeout, unreadable answer), and gives it
 * back when it did not (unreachable, rate limited, quota, rejected).
 */
public final class LimitedClient implements LlmClient {
  private static final double DEFAULT_CHARS_PER_TOKEN = 4.0;
  private static final int TOKENS_PER_MESSAGE = 4;

  private final LlmClient delegate;
  private final TierSettings tier;
  private final RateLimiter limiter;
  private final CircuitBreaker breaker;

  public LimitedClient(
      LlmClient delegate, TierSettings tier, RateLimiter limiter, CircuitBreaker breaker) {
    this.delegate = Objects.requireNonNull(delegate, "delegate is null");
    this.tier = Objects.requireNonNull(tier, "tier is null");
    this.limiter = Objects.requireNonNull(limiter, "limiter is null");
    this.breaker = Objects.requireNonNull(breaker, "breaker is null");
  }

  /**
   * The client behind the limiter and breaker this JVM shares for the tier's model and server
   * ({@link ModelLimits#shared}); the client itself when the tier has no limits and the breaker is
   * off.
   */
  public static LlmClient wrap(
      LlmClient client, TierSettings tier, CircuitBreakerSettings circuitBreaker) {
    if (tier.requestsPerMinute() == 0 && tier.tokensPerMinute() == 0 && !circuitBreaker.enabled()) {
      return client;
    }
    ModelLimits limits = ModelLimits.shared(tier, circuitBreaker);
    return new LimitedClient(client, tier, limits.limiter(), limits.breaker());
  }

  @Override
  public ChatAnswer chat(ChatRequest request) throws LlmCallException {
    CircuitBreaker.Permit permit = breaker.enter();
    long estimate = estimatedTokens(request);
    try {
      limiter.acquire(estimate);
    } catch (InterruptedException e) {
      breaker.abandoned(permit);
      Thread.currentThread().interrupt();
      throw new LlmCallException(
          ErrorCode.PROVIDER_ERROR,
          "interrupted while waiting for the rate limit of " + tier.limitsKey(),
          null,
          e);
    }
    ChatAnswer answer;
    try {
      answer = delegate.chat(request);
    } catch (LlmCallException e) {
      if (!mayHaveUsedTokens(e.code())) {
        limiter.settle(estimate, 0);
      }
      if (Thread.currentThread().isInterrupted()) {
        breaker.abandoned(permit);
      } else {
        breaker.failed(permit, e);
      }
      throw e;
    } catch (RuntimeException | Error e) {
      breaker.abandoned(permit);
      throw e;
    }
    TokenUsage usage = answer.usage();
    limiter.settle(estimate, usage.inputTokens() + usage.outputTokens());
    breaker.succeeded(permit);
    return answer;
  }

  @Override
  public void checkReady(String model) {
    delegate.checkReady(model);
  }

  /** Whether a failed attempt may have reached the model (and counted against its limits). */
  private static boolean mayHaveUsedTokens(ErrorCode code) {
    return code == ErrorCode.PROVIDER_ERROR
        || code == ErrorCode.PROVIDER_TIMEOUT
        || code == ErrorCode.BAD_RESPONSE;
  }

  /** What the limiter is asked for before the call; see the class comment. */
  long estimatedTokens(ChatRequest request) {
    double charsPerToken =
        tier.charsPerToken() > 0 ? tier.charsPerToken() : DEFAULT_CHARS_PER_TOKEN;
    long characters = (long) request.system().length() + request.user().length();
    return (long) Math.ceil(characters / charsPerToken)
        + 2 * TOKENS_PER_MESSAGE
        + request.maxOutputTokens();
  }
}
