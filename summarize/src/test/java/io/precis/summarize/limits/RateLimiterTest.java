package io.precis.summarize.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shared rate limiter, on a fake clock: exact waits, no wall-clock timing. */
class RateLimiterTest {
  private final FakeTime time = new FakeTime();

  private RateLimiter limiter(int requestsPerMinute, long tokensPerMinute) {
    return new RateLimiter(requestsPerMinute, tokensPerMinute, time::nanoTime, time.waiter());
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  @Test
  void aMinutesWorthOfRequestsGoesAtOnceThenOneEveryIntervalAndIdleTimeRefills() throws Exception {
    RateLimiter limiter = limiter(60, 0);

    for (int i = 0; i < 60; i++) {
      limiter.acquire(0);
    }
    assertThat(time.takeWaits()).isEmpty();

    limiter.acquire(0);
    limiter.acquire(0);
    assertThat(time.takeWaits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));

    // Ten idle seconds give back ten requests, no more.
    time.advance(Duration.ofSeconds(10));
    for (int i = 0; i < 10; i++) {
      limiter.acquire(0);
    }
    assertThat(time.takeWaits()).isEmpty();
    limiter.acquire(0);
    assertThat(time.takeWaits()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void overALongRunTheRateIsTheConfiguredOne() throws Exception {
    RateLimiter limiter = limiter(600, 0);
    long start = time.nanoTime();

    for (int i = 0; i < 10_600; i++) {
      limiter.acquire(0);
    }

    // 600 at once, then 10,000 more at 10 a second.
    assertThat(Duration.ofNanos(time.nanoTime() - start)).isEqualTo(Duration.ofSeconds(1000));
    assertThat(time.waits()).hasSize(10_000).allMatch(ms(100)::equals);
  }

  @Test
  void tokensWaitForTheBucketToRefillWhatIsMissing() throws Exception {
    RateLimiter limiter = limiter(0, 1000); // 1000 a minute: 60 ms a token

    limiter.acquire(400);
    limiter.acquire(400);
    assertThat(time.takeWaits()).isEmpty();

    limiter.acquire(400); // 200 left, 200 missing: 12 s
    assertThat(time.takeWaits()).containsExactly(Duration.ofSeconds(12));

    time.advance(Duration.ofMinutes(5)); // full again, and no fuller
    limiter.acquire(1000);
    assertThat(time.takeWaits()).isEmpty();
    limiter.acquire(1);
    assertThat(time.takeWaits()).containsExactly(ms(60));
  }

  @Test
  void settleGivesBackTokensTheAnswerDidNotUse() throws Exception {
    RateLimiter limiter = limiter(0, 1000);

    limiter.acquire(400);
    limiter.acquire(400);
    limiter.settle(400, 100);
    limiter.settle(400, 100);

    limiter.acquire(800); // only 200 would be left without the settlements
    assertThat(time.takeWaits()).isEmpty();
    limiter.acquire(1);
    assertThat(time.takeWaits()).containsExactly(ms(60));
  }

  @Test
  void settleTakesTokensTheAnswerUsedBeyondItsEstimateAndTheBucketOwesThem() throws Exception {
    RateLimiter limiter = limiter(0, 1000);

    limiter.acquire(100);
    limiter.settle(100, 1100); // 100 tokens of debt

    limiter.acquire(1); // waits until the debt and its own token are refilled: 101 x 60 ms
    assertThat(time.takeWaits()).containsExactly(ms(6060));
  }

  @Test
  void aCallLargerThanTheWholeBudgetGoesWhenTheBucketIsFullAndLaterCallsPayItsDebt()
      throws Exception {
    RateLimiter limiter = limiter(0, 1000);

    limiter.acquire(50);
    limiter.acquire(5000); // waits for the 50 to come back, then goes: it never fits otherwise
    assertThat(time.takeWaits()).containsExactly(Duration.ofSeconds(3));

    limiter.acquire(1); // 4000 tokens of debt plus its own token: 4001 x 60 ms
    assertThat(time.takeWaits()).containsExactly(ms(240_060));
  }

  @Test
  void aCallWaitsForTheSlowerOfItsRequestAndItsTokens() throws Exception {
    RateLimiter limiter = limiter(60, 600); // a request a second, a token every 100 ms

    limiter.acquire(600);
    limiter.acquire(5); // requests have room; tokens take 500 ms
    assertThat(time.takeWaits()).containsExactly(ms(500));

    time.advance(Duration.ofMinutes(1));
    for (int i = 0; i < 60; i++) {
      limiter.acquire(1);
    }
    limiter.acquire(1); // tokens have room; the 61st request waits a second
    assertThat(time.takeWaits()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void anUnlimitedLimiterNeverWaits() throws Exception {
    RateLimiter limiter = limiter(0, 0);

    for (int i = 0; i < 100_000; i++) {
      limiter.acquire(1_000_000);
    }

    assertThat(limiter.limited()).isFalse();
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void aCallerInterruptedWhileWaitingTakesNothing() throws Exception {
    boolean[] interrupt = {true};
    RateLimiter.Waiter fake = time.waiter();
    RateLimiter limiter =
        new RateLimiter(
            60,
            0,
            time::nanoTime,
            (condition, wait) -> {
              if (interrupt[0]) {
                throw new InterruptedException();
              }
              fake.await(condition, wait);
            });
    for (int i = 0; i < 60; i++) {
      limiter.acquire(0);
    }

    assertThatThrownBy(() -> limiter.acquire(0)).isInstanceOf(InterruptedException.class);
    interrupt[0] = false;
    limiter.acquire(0); // waits one interval, not two: the interrupted call took nothing

    assertThat(time.waits()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void aThreadWaitingOnTheSystemClockCanBeInterrupted() throws Exception {
    RateLimiter limiter = RateLimiter.of(1, 0);
    limiter.acquire(0);
    List<Throwable> thrown = Collections.synchronizedList(new ArrayList<>());
    Thread waiter =
        new Thread(
            () -> {
              try {
                limiter.acquire(0); // a minute away
              } catch (Throwable e) {
                thrown.add(e);
              }
            });
    waiter.start();
    while (waiter.getState() != Thread.State.TIMED_WAITING) {
      Thread.onSpinWait();
    }

    waiter.interrupt();
    waiter.join(TimeUnit.SECONDS.toMillis(10));

    assertThat(waiter.isAlive()).isFalse();
    assertThat(thrown).singleElement().isInstanceOf(InterruptedException.class);
  }

  @Test
  void manyThreadsShareTheRateExactly() throws Exception {
    // Only the first in line waits, by moving the fake clock: admissions are exact, so a lost
    // update between threads shows as a wrong admission time.
    RateLimiter limiter = limiter(600, 0);
    long start = time.nanoTime();
    List<Long> admitted = Collections.synchronizedList(new ArrayList<>());

    runConcurrently(8, 500, thread -> admitted.add(limiter.admit(0) - start));

    List<Long> sorted = new ArrayList<>(admitted);
    Collections.sort(sorted);
    assertThat(sorted).hasSize(4000);
    for (int i = 0; i < sorted.size(); i++) {
      // 600 at once, then one every 100 ms
      long expected = Math.max(0, i - 599) * 100_000_000L;
      assertThat(sorted.get(i)).as("admission %d", i).isEqualTo(expected);
    }
  }

  @Test
  void manyThreadsWithMixedTokenCountsStayWithinBothLimits() throws Exception {
    int requestsPerMinute = 600;
    long tokensPerMinute = 60_000;
    RateLimiter limiter = limiter(requestsPerMinute, tokensPerMinute);
    long start = time.nanoTime();
    List<long[]> admitted = Collections.synchronizedList(new ArrayList<>());

    runConcurrently(
        8,
        400,
        thread -> {
          long tokens = 1 + ThreadLocalRandom.current().nextInt(400);
          admitted.add(new long[] {limiter.admit(tokens) - start, tokens});
        });

    // In order of admission, the requests and tokens admitted by any moment t never exceed a
    // minute's worth plus what refills by t.
    List<long[]> sorted = new ArrayList<>(admitted);
    sorted.sort((a, b) -> Long.compare(a[0], b[0]));
    long requests = 0;
    long tokens = 0;
    for (long[] call : sorted) {
      requests++;
      tokens += call[1];
      double minutes = call[0] / 60e9;
      assertThat(requests)
          .isLessThanOrEqualTo(requestsPerMinute + (long) (requestsPerMinute * minutes) + 1);
      assertThat(tokens)
          .isLessThanOrEqualTo(tokensPerMinute + (long) (tokensPerMinute * minutes) + 1);
    }
    // ...and it is not slower than the tokens (the binding limit here) require.
    long last = sorted.get(sorted.size() - 1)[0];
    double needed = (tokens - tokensPerMinute) / (double) tokensPerMinute * 60e9;
    assertThat((double) last).isBetween(needed - 1e9, needed + 1e9);
  }

  @Test
  void tokensGivenBackReachTheCallerAlreadyWaiting() throws Exception {
    // A real waiter on the system clock: the first caller in line waits for a refill that would
    // take a minute, and is let through as soon as a settlement gives the tokens back.
    RateLimiter limiter = RateLimiter.of(0, 1000);
    limiter.acquire(1000);
    List<Throwable> thrown = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch through = new CountDownLatch(1);
    Thread waiter =
        new Thread(
            () -> {
              try {
                limiter.acquire(500);
                through.countDown();
              } catch (Throwable e) {
                thrown.add(e);
              }
            });
    waiter.start();
    while (waiter.getState() != Thread.State.TIMED_WAITING) {
      Thread.onSpinWait();
    }

    limiter.settle(1000, 400);

    assertThat(through.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(thrown).isEmpty();
  }

  @Test
  void callersAreServedInTheOrderTheyCameSoALargeCallIsNotStarvedBySmallOnes() throws Exception {
    RateLimiter limiter = RateLimiter.of(0, 1000);
    limiter.acquire(1000);
    Map<String, Long> admitted = new ConcurrentHashMap<>();
    Thread large = admitting(limiter, 600, "large", admitted); // 36 s of refill away
    Thread small = admitting(limiter, 1, "small", admitted); // would fit in 60 ms
    Thread.sleep(300);

    assertThat(admitted).isEmpty();
    limiter.settle(1000, 0);
    large.join(10_000);
    small.join(10_000);

    assertThat(admitted).containsOnlyKeys("large", "small");
    assertThat(admitted.get("large")).isLessThanOrEqualTo(admitted.get("small"));
  }

  /** A started thread that records when it was admitted; it is waiting when this returns. */
  private static Thread admitting(
      RateLimiter limiter, long tokens, String name, Map<String, Long> admitted) {
    Thread thread =
        new Thread(
            () -> {
              try {
                admitted.put(name, limiter.admit(tokens));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    thread.start();
    while (thread.getState() != Thread.State.TIMED_WAITING
        && thread.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    return thread;
  }

  /** A task run by one of several threads that start together. */
  interface Task {
    void run(int thread) throws Exception;
  }

  static void runConcurrently(int threads, int each, Task task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < each; i++) {
                    task.run(thread);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
