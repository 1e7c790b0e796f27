package io.precis.summarize.limits;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A nanosecond clock that moves only when told, and a waiter that records each wait and moves the
 * clock by it instead of waiting, so that waits are exact and tests never sleep.
 */
final class FakeTime {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  long nanoTime() {
    return nanos.get();
  }

  void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  /** Records the wait and moves the clock past it. */
  RateLimiter.Waiter waiter() {
    return (condition, wait) -> {
      waits.add(wait);
      advance(wait);
    };
  }

  List<Duration> waits() {
    return List.copyOf(waits);
  }

  /** The waits recorded since the last call. */
  List<Duration> takeWaits() {
    List<Duration> copy = List.copyOf(waits);
    waits.clear();
    return copy;
  }
}
