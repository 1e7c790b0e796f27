package io.precis.core.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How a failed LLM call is tried again ({@code llm.retry}): at most {@code maxAttempts} attempts
 * per logical call, the n-th retry after about {@code baseDelay} x 2^(n-1) with jitter, never
 * sooner than the server's Retry-After, and never waiting longer than {@code maxDelay}.
 */
public record RetrySettings(int maxAttempts, Duration baseDelay, Duration maxDelay)
    implements Serializable {
  public RetrySettings {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts is " + maxAttempts + " but must be >= 1");
    }
    Objects.requireNonNull(baseDelay, "baseDelay is null");
    Objects.requireNonNull(maxDelay, "maxDelay is null");
  }

  /** One attempt, no retry. */
  public static RetrySettings none() {
    return new RetrySettings(1, Duration.ofMillis(1), Duration.ofMillis(1));
  }

  static RetrySettings from(ConfigReader reader) {
    RetrySettings settings =
        new RetrySettings(
            reader.intAtLeast("max-attempts", 1, "3"),
            reader.positiveDuration("base-delay", "500ms"),
            reader.positiveDuration("max-delay", "20s"));
    if (settings.maxDelay().compareTo(settings.baseDelay()) < 0) {
      throw io.precis.core.errors.Errors.invalidConfigValue(
          reader.key("max-delay"),
          reader.raw().getString("max-delay"),
          "at least llm.retry.base-delay",
          "20s");
    }
    return settings;
  }
}
