package io.precis.core.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * When calls to a model stop for a while ({@code llm.circuit-breaker}): after {@code failures}
 * consecutive failures that say the provider is unwell (server errors, timeouts, unreachable
 * server, unreadable answers), calls to that model fail at once for {@code coolDown}, then one
 * probe call decides whether they resume. Kept per model and server, shared by every task of a JVM.
 *
 * @param failures consecutive failures that open the breaker; 0 turns the breaker off
 */
public record CircuitBreakerSettings(int failures, Duration coolDown) implements Serializable {
  public CircuitBreakerSettings {
    if (failures < 0) {
      throw new IllegalArgumentException("failures is " + failures + " but must be >= 0");
    }
    Objects.requireNonNull(coolDown, "coolDown is null");
    if (coolDown.isNegative() || coolDown.isZero()) {
      throw new IllegalArgumentException("coolDown is " + coolDown + " but must be > 0");
    }
  }

  /** The shipped default: open after 5 consecutive failures, for 30 s. */
  public static CircuitBreakerSettings defaults() {
    return new CircuitBreakerSettings(5, Duration.ofSeconds(30));
  }

  /** No breaker: every call is made. */
  public static CircuitBreakerSettings off() {
    return new CircuitBreakerSettings(0, Duration.ofSeconds(30));
  }

  /** Whether the breaker ever opens. */
  public boolean enabled() {
    return failures > 0;
  }

  static CircuitBreakerSettings from(ConfigReader reader) {
    return new CircuitBreakerSettings(
        reader.intAtLeast("failures", 0, "5"), reader.positiveDuration("cool-down", "30s"));
  }
}
