package io.precis.summarize.limits;

import io.precis.core.config.CircuitBreakerSettings;
import io.precis.core.config.TierSettings;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The rate limiter and circuit breaker of one model on one server ({@link
 * TierSettings#limitsKey()}), shared by every task of the JVM: Spark runs an executor's tasks as
 * threads of one JVM, and each task builds its own clients, so the limits live in a static registry
 * rather than in the clients. The same key with the same limits gives the same instances; a key
 * whose limits changed (another job's configuration) gets new ones.
 *
 * <p>Limits are per JVM: with several executors, each keeps its own, so the provider sees up to
 * their number times the configured rate.
 */
public record ModelLimits(RateLimiter limiter, CircuitBreaker breaker) {
  private record LimiterKey(String key, int requestsPerMinute, long tokensPerMinute) {}

  private record BreakerKey(String key, CircuitBreakerSettings settings) {}

  private static final ConcurrentMap<LimiterKey, RateLimiter> LIMITERS = new ConcurrentHashMap<>();
  private static final ConcurrentMap<BreakerKey, CircuitBreaker> BREAKERS =
      new ConcurrentHashMap<>();

  public ModelLimits {
    Objects.requireNonNull(limiter, "limiter is null");
    Objects.requireNonNull(breaker, "breaker is null");
  }

  /** The limiter and breaker this JVM keeps for the tier's model and server. */
  public static ModelLimits shared(TierSettings tier, CircuitBreakerSettings breaker) {
    String key = tier.limitsKey();
    RateLimiter limiter =
        LIMITERS.computeIfAbsent(
            new LimiterKey(key, tier.requestsPerMinute(), tier.tokensPerMinute()),
            k -> RateLimiter.of(k.requestsPerMinute(), k.tokensPerMinute()));
    CircuitBreaker circuitBreaker =
        BREAKERS.computeIfAbsent(
            new BreakerKey(key, breaker),
            k -> new CircuitBreaker(k.key(), k.settings(), System::nanoTime));
    return new ModelLimits(limiter, circuitBreaker);
  }
}
