package io.precis.summarize.limits;

import io.precis.core.config.CircuitBreakerSettings;
import io.precis.core.model.ErrorCode;
import io.precis.summarize.client.LlmCallException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops calling a model that keeps failing ({@code llm.circuit-breaker}), so that a provider in
 * trouble costs one quick refusal per call instead of three slow attempts, and the cascade can move
 * on to the next tier.
 *
 * <p>CLOSED: calls go through; {@code failures} consecutive failures that say the provider is
 * unwell ({@link #unwell}) open it. OPEN: every call is refused at once with {@link
 * ErrorCode#PROVIDER_CIRCUIT_OPEN} for {@code cool-down}. HALF_OPEN: after the cool-down one probe
 * call goes through while the others are still refused; its success closes the breaker, its failure
 * opens it again. Outcomes that say nothing about the provider's health (rate limits, quota,
 * rejected requests) neither count nor reset the count. Outcomes of calls let through before the
 * breaker last opened are ignored, so that the stragglers of dozens of calls in flight do not
 * reopen or close it.
 *
 * <p>Thread-safe; one instance per model and server is shared by every task of a JVM ({@link
 * ModelLimits}).
 */
public final class CircuitBreaker {
  private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

  /** Where the breaker is. */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  /**
   * What a caller holds from {@link #enter()} until it reports the outcome of its call with {@link
   * #succeeded}, {@link #failed} or {@link #abandoned}.
   */
  public static final class Permit {
    private final long generation;
    private final boolean probe;

    private Permit(long generation, boolean probe) {
      this.generation = generation;
      this.probe = probe;
    }

    /** Whether this call is the one probe of a half-open breaker. */
    public boolean probe() {
      return probe;
    }
  }

  private static final Permit OFF = new Permit(-1, false);

  private final String key;
  private final int failures;
  private final long coolDownNanos;
  private final LongSupplier nanoClock;

  // Guarded by this.
  private State state = State.CLOSED;
  private int consecutive;
  private long openedAt;
  private long generation;
  private boolean probing;
  private String openedBy = "";

  /**
   * @param key the model and server, {@code provider/model@base-url}, for messages
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
   */
  public CircuitBreaker(String key, CircuitBreakerSettings settings, LongSupplier nanoClock) {
    this.key = Objects.requireNonNull(key, "key is null");
    this.failures = settings.failures();
    this.coolDownNanos = settings.coolDown().toNanos();
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock is null");
  }

  /**
   * Whether a failure says the provider is unwell: a server error, a timeout, a server that cannot
   * be reached, an answer that cannot be read.
   */
  public static boolean unwell(ErrorCode code) {
    return switch (code) {
      case PROVIDER_ERROR, PROVIDER_TIMEOUT, PROVIDER_UNREACHABLE, BAD_RESPONSE -> true;
      default -> false;
    };
  }

  public synchronized State state() {
    if (state == State.OPEN && coolDownLeft() <= 0) {
      return State.HALF_OPEN;
    }
    return state;
  }

  /**
   * Lets a call through, or refuses it.
   *
   * @throws LlmCallException with {@link ErrorCode#PROVIDER_CIRCUIT_OPEN} when the breaker is open,
   *     or half-open with its probe in flight; its retry-after is the cool-down left
   */
  public Permit enter() throws LlmCallException {
    if (failures == 0) {
      return OFF;
    }
    synchronized (this) {
      if (state == State.CLOSED) {
        return new Permit(generation, false);
      }
      if (state == State.OPEN && coolDownLeft() <= 0) {
        state = State.HALF_OPEN;
      }
      if (state == State.HALF_OPEN && !probing) {
        probing = true;
        return new Permit(generation, true);
      }
      throw refusal();
    }
  }

  /** The call answered. */
  public synchronized void succeeded(Permit permit) {
    if (!current(permit)) {
      return;
    }
    if (permit.probe) {
      probing = false;
      state = State.CLOSED;
      LOG.info("Circuit breaker for {} closed: the probe call succeeded", key);
    }
    consecutive = 0;
  }

  /** The call failed; only failures that say the provider is unwell count. */
  public synchronized void failed(Permit permit, LlmCallException failure) {
    if (!current(permit)) {
      return;
    }
    if (!unwell(failure.code())) {
      if (permit.probe) {
        probing = false; // the next call probes again
      }
      return;
    }
    if (permit.probe || ++consecutive >= failures) {
      open(failure);
    }
  }

  /** The call was not made or its outcome is unknown (interrupted, a bug): it does not count. */
  public synchronized void abandoned(Permit permit) {
    if (current(permit) && permit.probe) {
      probing = false;
    }
  }

  private boolean current(Permit permit) {
    return permit != OFF && permit.generation == generation;
  }

  private void open(LlmCallException failure) {
    boolean probe = state == State.HALF_OPEN;
    state = State.OPEN;
    openedAt = nanoClock.getAsLong();
    generation++;
    probing = false;
    String last = failure.code() + ": " + failure.getMessage();
    openedBy =
        probe
            ? "a failed probe call (" + last + ")"
            : consecutive + " consecutive failures (last " + last + ")";
    consecutive = 0;
    LOG.warn(
        "Circuit breaker for {} opened for {} after {}; calls to it fail at once until then",
        key,
        Duration.ofNanos(coolDownNanos),
        openedBy);
  }

  private long coolDownLeft() {
    return openedAt + coolDownNanos - nanoClock.getAsLong();
  }

  private LlmCallException refusal() {
    long left = Math.max(0, coolDownLeft());
    String when =
        state == State.OPEN
            ? "for " + seconds(left) + " more, then one probe call is let through"
            : "until the probe call in flight succeeds";
    return new LlmCallException(
        ErrorCode.PROVIDER_CIRCUIT_OPEN,
        "circuit breaker open for "
            + key
            + " after "
            + openedBy
            + ": calls fail at once "
            + when
            + ". A later run tries again; if the provider is healthy, raise"
            + " llm.circuit-breaker.failures (0 turns the breaker off)",
        Duration.ofNanos(left),
        null);
  }

  private static String seconds(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
  }
}
