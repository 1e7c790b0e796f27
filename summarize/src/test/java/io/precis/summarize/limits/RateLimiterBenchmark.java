package io.precis.summarize.limits;

import io.precis.core.config.CircuitBreakerSettings;
import io.precis.core.config.Provider;
import io.precis.core.config.TierSettings;
import io.precis.core.cost.TokenUsage;
import io.precis.summarize.client.ChatAnswer;
import io.precis.summarize.client.ChatRequest;
import io.precis.summarize.client.LlmClient;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rate limiter on the wall clock: how close many threads sharing one limiter come to the
 * configured rate (each thread acquires, then holds a simulated call of {@code precis.latency-ms}
 * milliseconds, default 50), and what an acquire costs when nothing limits it. Prints figures,
 * asserts nothing. Run it with
 *
 * <pre>
 * ./mvnw -B -o -q test -pl summarize -am -Dgroups=benchmark -Dexcluded.groups= \
 *     -Dtest=RateLimiterBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Each throughput run first spends the limiter's burst (a minute's worth), then counts the calls
 * admitted in {@code precis.seconds} seconds (default 10).
 */
@Tag("benchmark")
class RateLimiterBenchmark {
  private static final int THREADS = Integer.getInteger("precis.threads", 32);
  private static final long LATENCY_MS = Long.getLong("precis.latency-ms", 50);
  private static final int SECONDS = Integer.getInteger("precis.seconds", 10);

  @Test
  void throughputOfManyThreadsAgainstTheConfiguredRate() throws Exception {
    System.out.printf(
        "%d threads, %d ms a call, %d s a run; %d cores; load average %.2f%n",
        THREADS,
        LATENCY_MS,
        SECONDS,
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    run("600 RPM", RateLimiter.of(600, 0), 0, 0);
    run("6,000 RPM", RateLimiter.of(6_000, 0), 0, 0);
    run("24,000 RPM", RateLimiter.of(24_000, 0), 0, 0);
    // Token-bound: estimates of 1,000 tokens settled at 250 used, 150,000 TPM: 600 calls a minute.
    run("150,000 TPM, estimate 1000, used 250", RateLimiter.of(0, 150_000), 1000, 250);
  }

  private static void run(String name, RateLimiter limiter, long estimate, long used)
      throws Exception {
    // Spend the burst so that the run measures the steady rate.
    for (int i = 0; i < limiter.requestsPerMinute(); i++) {
      limiter.acquire(0);
    }
    limiter.acquire(limiter.tokensPerMinute());
    AtomicLong admitted = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> futures = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    for (int t = 0; t < THREADS; t++) {
      futures.add(
          pool.submit(
              () -> {
                go.await();
                while (true) {
                  limiter.acquire(estimate);
                  if (System.nanoTime() >= end) {
                    return null;
                  }
                  admitted.incrementAndGet();
                  Thread.sleep(LATENCY_MS);
                  limiter.settle(estimate, used);
                }
              }));
    }
    go.countDown();
    for (Future<?> future : futures) {
      future.get();
    }
    pool.shutdown();
    // Callers in line when the run ended are not counted: the rate is over the run's length.
    double seconds = (end - started) / 1e9;
    double perMinute = admitted.get() / seconds * 60;
    double configured =
        limiter.requestsPerMinute() > 0
            ? limiter.requestsPerMinute()
            : limiter.tokensPerMinute() / (double) used;
    double threadBound = THREADS * 60_000.0 / LATENCY_MS;
    System.out.printf(
        "%-40s %6d calls in %5.2f s = %8.0f a minute; configured %8.0f (%.1f%%); threads alone"
            + " allow %.0f%n",
        name,
        admitted.get(),
        seconds,
        perMinute,
        configured,
        100 * perMinute / configured,
        threadBound);
  }

  @Test
  void overheadPerCall() throws Exception {
    int calls = 5_000_000;
    RateLimiter unlimited = RateLimiter.of(0, 0);
    RateLimiter roomy = RateLimiter.of(Integer.MAX_VALUE, Long.MAX_VALUE / 1_000_000_000L);
    TierSettings tier =
        new TierSettings(
            "bench",
            Provider.OPENAI,
            URI.create("http://bench:1/v1"),
            "m",
            "",
            Duration.ofSeconds(1),
            256,
            0.0,
            0);
    ChatAnswer answer = new ChatAnswer("ok", new TokenUsage(10, 10, 0), "stop");
    LlmClient bare =
        new LlmClient() {
          @Override
          public ChatAnswer chat(ChatRequest request) {
            return answer;
          }

          @Override
          public void checkReady(String model) {}
        };
    LlmClient limited =
        new LimitedClient(
            bare,
            tier,
            unlimited,
            new CircuitBreaker(
                tier.limitsKey(), CircuitBreakerSettings.defaults(), System::nanoTime));
    LlmClient limitedRoomy =
        new LimitedClient(
            bare,
            tier,
            roomy,
            new CircuitBreaker(
                tier.limitsKey(), CircuitBreakerSettings.defaults(), System::nanoTime));
    ChatRequest request = new ChatRequest("m", "Sum up.", "Some text to sum up.", 256, 0.0);
    for (int threads : new int[] {1, 2, 8}) {
      time("acquire, unlimited limiter", threads, calls, () -> unlimited.acquire(100));
      time(
          "acquire + settle, limits never reached",
          threads,
          calls,
          () -> {
            roomy.acquire(100);
            roomy.settle(100, 50);
          });
      time("bare client.chat", threads, calls, () -> bare.chat(request));
      time(
          "LimitedClient.chat, unlimited, breaker on", threads, calls, () -> limited.chat(request));
      time(
          "LimitedClient.chat, limits never reached",
          threads,
          calls,
          () -> limitedRoomy.chat(request));
    }
  }

  interface Call {
    void run() throws Exception;
  }

  private static void time(String name, int threads, int calls, Call call) throws Exception {
    int each = calls / threads;
    for (int i = 0; i < 200_000; i++) { // warm up
      call.run();
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < each; i++) {
                  call.run();
                }
                return null;
              }));
    }
    long start = System.nanoTime();
    go.countDown();
    for (Future<?> future : futures) {
      future.get();
    }
    long nanos = System.nanoTime() - start;
    pool.shutdown();
    System.out.printf(
        "%-45s %d thread(s): %7.1f ns a call (wall time / calls)%n",
        name, threads, nanos / (double) (each * threads));
  }
}
