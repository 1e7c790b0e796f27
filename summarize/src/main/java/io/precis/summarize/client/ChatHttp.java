package io.precis.summarize.client;

import io.precis.core.model.ErrorCode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One HTTP exchange with a chat API over the JDK client, the same way for every provider that
 * speaks JSON over HTTP (OpenAI-compatible, Anthropic): how a request is sent, and how a transport
 * failure or an error answer becomes a {@link LlmCallException}.
 */
final class ChatHttp {
  private ChatHttp() {}

  /**
   * Sends the request. The JDK client's failures become: a timeout {@code PROVIDER_TIMEOUT}, a
   * refused connection {@code PROVIDER_UNREACHABLE}, any other I/O failure or an interrupt {@code
   * PROVIDER_ERROR}. A request that went out on a kept-alive connection the server had already
   * closed, so that it never reached the server, is sent again once on a new connection: that is no
   * paid retry.
   *
   * @param timeout the tier's timeout, for the message
   * @param redact takes secrets out of a message that may quote the request
   */
  static HttpResponse<String> send(
      HttpClient http, HttpRequest request, Duration timeout, UnaryOperator<String> redact)
      throws LlmCallException {
    try {
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (!isStaleConnection(e)) {
          throw e;
        }
        return http.send(request, HttpResponse.BodyHandlers.ofString());
      }
    } catch (HttpTimeoutException e) {
      throw new LlmCallException(
          ErrorCode.PROVIDER_TIMEOUT, "no answer within " + seconds(timeout), null, e);
    } catch (ConnectException e) {
      throw new LlmCallException(ErrorCode.PROVIDER_UNREACHABLE, "connection refused", null, e);
    } catch (IOException e) {
      throw new LlmCallException(
          ErrorCode.PROVIDER_ERROR,
          "connection failed: " + redact.apply(OllamaClient.describe(e)),
          null,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LlmCallException(ErrorCode.PROVIDER_ERROR, "interrupted", null, e);
    }
  }

  /**
   * Whether the exception is the JDK client finding a kept-alive connection closed before any byte
   * of an answer came back: the server closed it while idle, and never saw the request.
   */
  static boolean isStaleConnection(IOException e) {
    return !(e instanceof HttpTimeoutException)
        && !(e instanceof ConnectException)
        && e.getMessage() != null
        && e.getMessage().contains("header parser received no bytes");
  }

  /**
   * An error answer: an exhausted quota or credit (which each provider words its own way), a 429
   * rate limit with the server's Retry-After, a 5xx provider error, and any other status a
   * rejection (bad key, unknown model, bad request).
   *
   * @param detail what the error says, for the ledger and the chunk's reason
   * @param quota whether the provider said the quota or credit is spent
   */
  static LlmCallException failure(HttpResponse<String> response, String detail, boolean quota) {
    int status = response.statusCode();
    if (quota) {
      return new LlmCallException(ErrorCode.PROVIDER_QUOTA_EXCEEDED, detail);
    }
    if (status == 429) {
      Duration retryAfter =
          response.headers().firstValue("Retry-After").flatMap(ChatHttp::retryAfter).orElse(null);
      return new LlmCallException(ErrorCode.PROVIDER_RATE_LIMITED, detail, retryAfter, null);
    }
    if (status >= 500) {
      return new LlmCallException(ErrorCode.PROVIDER_ERROR, detail);
    }
    return new LlmCallException(ErrorCode.PROVIDER_REJECTED, detail);
  }

  /** A duration as people write it: 1s, 0.5s, 120s. */
  static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + "s";
  }

  /** A Retry-After in seconds (the form chat APIs send); empty for a date or anything else. */
  private static Optional<Duration> retryAfter(String value) {
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
