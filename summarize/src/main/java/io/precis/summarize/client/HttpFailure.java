package io.precis.summarize.client;

import io.precis.core.model.ErrorCode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * How an error answer of a chat API becomes a {@link LlmCallException}, the same way for every
 * provider: an exhausted quota or credit (which each provider words its own way), a 429 rate limit
 * with the server's Retry-After, a 5xx provider error, and any other status a rejection (bad key,
 * unknown model, bad request).
 */
final class HttpFailure {
  private HttpFailure() {}

  /**
   * @param detail what the error says, for the ledger and the chunk's reason
   * @param quota whether the provider said the quota or credit is spent
   */
  static LlmCallException of(HttpResponse<String> response, String detail, boolean quota) {
    int status = response.statusCode();
    if (quota) {
      return new LlmCallException(ErrorCode.PROVIDER_QUOTA_EXCEEDED, detail);
    }
    if (status == 429) {
      Duration retryAfter =
          response.headers().firstValue("Retry-After").flatMap(HttpFailure::seconds).orElse(null);
      return new LlmCallException(ErrorCode.PROVIDER_RATE_LIMITED, detail, retryAfter, null);
    }
    if (status >= 500) {
      return new LlmCallException(ErrorCode.PROVIDER_ERROR, detail);
    }
    return new LlmCallException(ErrorCode.PROVIDER_REJECTED, detail);
  }

  /** A Retry-After in seconds (the form chat APIs send); empty for a date or anything else. */
  static Optional<Duration> seconds(String value) {
    try {
      double seconds = Double.parseDouble(value.trim());
      return seconds >= 0
          ? Optional.of(Duration.ofMillis((long) (seconds * 1000)))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
