package io.precis.summarize.limits;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Keeps calls to one model within a number of requests and of tokens per minute, across all the
 * threads that share it: two token buckets, each holding at most one minute's worth and refilled
 * continuously, so a burst of up to a minute's limit goes at once and then calls go at the
 * configured rate.
 *
 * <p>{@link #acquire} takes one request and the call's estimated tokens, waiting until both are
 * available; {@link #settle} then corrects the token count by what the answer reported, and tokens
 * it gives back are available to the callers already waiting. Callers are served first come, first
 * served: they queue, and only the first waits for time to pass (a timed wait on a condition, woken
 * early by a settlement; no spinning; interruptible); the others wait for their turn. A caller with
 * room goes at once, so calls are never held back beyond the limits: 50 threads under a
 * 6,000-a-minute limit each wait only for their own slot.
 *
 * <p>A call estimated at more tokens than the whole per-minute limit would never fit: it goes when
 * the token bucket is full, and the bucket goes into debt, so the calls after it wait until the
 * tokens it used have been refilled.
 *
 * <p>Each bucket is kept as the time at which it will be full again if nothing more is taken
 * ({@code fullAt}; at or before now means full): taking n units moves it n refill intervals later,
 * and a call fits when it is at most a minute (the bucket's size) minus the call's cost away.
 */
public final class RateLimiter {
  /**
   * How the first caller in line waits for time to pass: on a real clock {@code
   * condition.awaitNanos}; a test's waiter moves a fake clock instead.
   */
  @FunctionalInterface
  public interface Waiter {
    void await(Condition condition, Duration wait) throws InterruptedException;
  }

  private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final long MAX_TOKENS = 100_000_000L;

  private final int requestsPerMinute;
  private final long tokensPerMinute;
  private final LongSupplier nanoClock;
  private final Waiter waiter;
  private final boolean unlimited;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // Guarded by lock.
  private final ArrayDeque<Object> line = new ArrayDeque<>();
  private long requestsFullAt;
  private long tokensFullAt;

  /**
   * @param requestsPerMinute 0 for no limit on requests
   * @param tokensPerMinute 0 for no limit on tokens
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
   * @param waiter how the first caller in line waits
   */
  public RateLimiter(
      int requestsPerMinute, long tokensPerMinute, LongSupplier nanoClock, Waiter waiter) {
    if (requestsPerMinute < 0 || tokensPerMinute < 0) {
      throw new IllegalArgumentException(
          "limits must be >= 0: " + requestsPerMinute + ", " + tokensPerMinute);
    }
    this.requestsPerMinute = requestsPerMinute;
    this.tokensPerMinute = tokensPerMinute;
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock is null");
    this.waiter = Objects.requireNonNull(waiter, "waiter is null");
    this.unlimited = requestsPerMinute == 0 && tokensPerMinute == 0;
    long now = nanoClock.getAsLong();
    this.requestsFullAt = now;
    this.tokensFullAt = now;
  }

  /** A limiter on the system clock. */
  public static RateLimiter of(int requestsPerMinute, long tokensPerMinute) {
    return new RateLimiter(
        requestsPerMinute,
        tokensPerMinute,
        System::nanoTime,
        (condition, wait) -> condition.awaitNanos(wait.toNanos()));
  }

  /** Whether this limiter limits anything; one that does not returns from every call at once. */
  public boolean limited() {
    return !unlimited;
  }

  public int requestsPerMinute() {
    return requestsPerMinute;
  }

  public long tokensPerMinute() {
    return tokensPerMinute;
  }

  /**
   * Waits until one more request and {@code estimatedTokens} more tokens fit within the limits, and
   * takes them.
   *
   * @throws InterruptedException if the thread is interrupted while waiting; nothing is taken then
   */
  public void acquire(long estimatedTokens) throws InterruptedException {
    if (!unlimited) {
      admit(Math.max(0, estimatedTokens));
    }
  }

  /**
   * Corrects the tokens taken for a call that was estimated at {@code estimatedTokens} and used
   * {@code actualTokens}: the difference is given back, or taken (the bucket may go into debt).
   */
  public void settle(long estimatedTokens, long actualTokens) {
    if (tokensPerMinute == 0) {
      return;
    }
    long delta = Math.max(0, actualTokens) - Math.max(0, estimatedTokens);
    if (delta == 0) {
      return;
    }
    lock.lock();
    try {
      tokensFullAt += Long.signum(delta) * tokenNanos(Math.abs(delta));
      if (delta < 0) {
        changed.signalAll(); // the first in line may fit now
      }
    } finally {
      lock.unlock();
    }
  }

  /** Takes a request and {@code tokens} once they fit; returns the clock at that moment. */
  long admit(long tokens) throws InterruptedException {
    lock.lock();
    try {
      if (line.isEmpty() && waitFor(tokens, nanoClock.getAsLong()) <= 0) {
        return take(tokens);
      }
      Object me = new Object();
      line.addLast(me);
      try {
        while (true) {
          if (line.peekFirst() != me) {
            changed.await();
            continue;
          }
          long wait = waitFor(tokens, nanoClock.getAsLong());
          if (wait <= 0) {
            return take(tokens);
          }
          waiter.await(changed, Duration.ofNanos(wait));
        }
      } finally {
        line.remove(me);
        changed.signalAll(); // the next in line is first now
      }
    } finally {
      lock.unlock();
    }
  }

  /** How long from {@code now} until a request and {@code tokens} fit; 0 or less if they do. */
  private long waitFor(long tokens, long now) {
    long fits = now;
    if (requestsPerMinute > 0) {
      fits = Math.max(fits, requestsFullAt + requestNanos() - MINUTE_NANOS);
    }
    if (tokensPerMinute > 0) {
      // A call larger than the bucket waits for a full bucket, no longer.
      fits =
          Math.max(fits, tokensFullAt + Math.min(tokenNanos(tokens), MINUTE_NANOS) - MINUTE_NANOS);
    }
    return fits - now;
  }

  private long take(long tokens) {
    long now = nanoClock.getAsLong();
    if (requestsPerMinute > 0) {
      requestsFullAt = Math.max(requestsFullAt, now) + requestNanos();
    }
    if (tokensPerMinute > 0) {
      tokensFullAt = Math.max(tokensFullAt, now) + tokenNanos(tokens);
    }
    return now;
  }

  private long requestNanos() {
    return MINUTE_NANOS / requestsPerMinute;
  }

  /**
   * How long the token bucket takes to refill {@code tokens}; counts above {@value #MAX_TOKENS} (no
   * call comes near) count as that many, so that the arithmetic cannot overflow.
   */
  private long tokenNanos(long tokens) {
    if (tokensPerMinute == 0) {
      return 0;
    }
    return Math.min(tokens, MAX_TOKENS) * MINUTE_NANOS / tokensPerMinute;
  }
}
