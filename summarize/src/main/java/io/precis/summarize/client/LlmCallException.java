package io.precis.summarize.client;

import io.precis.core.model.ErrorCode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A call that got no usable answer, classified so that callers can decide to retry, escalate or
 * give up. {@link #retryAfter()} carries the server's Retry-After when it sent one.
 */
public final class LlmCallException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final Duration retryAfter;

  public LlmCallException(ErrorCode code, String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code is null");
    this.retryAfter = retryAfter;
  }

  public LlmCallException(ErrorCode code, String message) {
    this(code, message, null, null);
  }

  public ErrorCode code() {
    return code;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
