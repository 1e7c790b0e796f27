package io.precis.summarize;

import io.precis.core.config.RetrySettings;
import io.precis.core.model.ErrorCode;
import io.precis.summarize.client.LlmCallException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Decides whether and when a failed attempt at a call is made again ({@code llm.retry}); the one
 * retry layer of precis (the clients do not retry, except a request that never left on a stale
 * connection).
 */
public final class Retrier {
  /** Waits; a test's sleeper records instead. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final RetrySettings settings;
  private final Sleeper sleeper;
  private final DoubleSupplier jitter;

  /**
   * @param jitter a number in [0, 1) per wait: 0 waits half the backoff, 1 all of it
   */
  public Retrier(RetrySettings settings, Sleeper sleeper, DoubleSupplier jitter) {
    this.settings = Objects.requireNonNull(settings, "settings is null");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper is null");
    this.jitter = Objects.requireNonNull(jitter, "jitter is null");
  }

  /** Retries as configured, sleeping the thread, with random jitter. */
  public static Retrier of(RetrySettings settings) {
    return new Retrier(
        settings,
        duration -> Thread.sleep(duration.toMillis()),
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /** One attempt per call. */
  public static Retrier none() {
    return of(RetrySettings.none());
  }

  /**
   * Whether a failure may pass if the same call is made again soon: a rate limit, a server error, a
   * timeout, an answer that could not be read. Not a quota or credit error, a rejected request or
   * an unreachable server: those fail the same way until someone acts.
   */
  static boolean isTransient(ErrorCode code) {
    return switch (code) {
      case PROVIDER_RATE_LIMITED, PROVIDER_ERROR, PROVIDER_TIMEOUT, BAD_RESPONSE -> true;
      default -> false;
    };
  }

  /**
   * How long to wait before attempt {@code attempt + 1} after attempt {@code attempt} failed with
   * {@code failure}, or empty to give up: the last attempt was made, the failure is not transient,
   * or the server asked for a wait longer than {@code max-delay}.
   */
  Optional<Duration> delayAfter(int attempt, LlmCallException failure) {
    if (attempt >= settings.maxAttempts() || !isTransient(failure.code())) {
      return Optional.empty();
    }
    long base = settings.baseDelay().toMillis();
    long backoff = Math.min(settings.maxDelay().toMillis(), base << Math.min(attempt - 1, 20));
    long jittered = Math.round(backoff * (0.5 + 0.5 * jitter.getAsDouble()));
    Duration wait = Duration.ofMillis(jittered);
    Optional<Duration> retryAfter = failure.retryAfter();
    if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
      wait = retryAfter.get();
    }
    return wait.compareTo(settings.maxDelay()) > 0 ? Optional.empty() : Optional.of(wait);
  }

  void sleep(Duration duration) throws InterruptedException {
    sleeper.sleep(duration);
  }
}
