package io.precis.testkit.sim;

import com.sun.net.httpserver.HttpExchange;
import io.precis.testkit.sim.SimulatedCall.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The state the simulated APIs share, and the way every request is answered: attempt counting, the
 * fault plan, latency, hanging, the call log and the prompt cache.
 */
final class Simulation {
  private final AtomicReference<SimulatorOptions> options;
  private final CallLog calls = new CallLog();
  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
  private final Set<String> seenSystemMessages = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closing = new CountDownLatch(1);

  Simulation(SimulatorOptions options) {
    this.options = new AtomicReference<>(Objects.requireNonNull(options, "options is null"));
  }

  SimulatorOptions options() {
    return options.get();
  }

  void configure(SimulatorOptions newOptions) {
    options.set(Objects.requireNonNull(newOptions, "options is null"));
  }

  CallLog calls() {
    return calls;
  }

  /** Releases every request that waits for its latency or hangs. */
  void close() {
    closing.countDown();
  }

  /**
   * Answers a completion or embedding request: counts its attempt, draws its fault, asks the model
   * (only when the request reaches it), records the call, waits, and sends the answer.
   *
   * @param hashText the prompt text, all message contents joined, hashed with the model
   * @param model produces the answer; called at most once
   */
  void serve(Incoming request, String model, String hashText, Supplier<Served> modelAnswer)
      throws IOException {
    String requestHash = FaultPlan.sha256Hex(hashText + "\n" + model);
    int attempt = attempts.merge(requestHash, 1, Integer::sum);
    Outcome outcome = new FaultPlan(request.options()).decide(requestHash, attempt);
    Served served =
        outcome == Outcome.OK || outcome == Outcome.MALFORMED ? modelAnswer.get() : null;
    Reply reply =
        switch (outcome) {
          case OK -> served.reply();
          case MALFORMED -> served.reply().truncated();
          case RATE_LIMITED -> request.dialect().error(429, outcome, "rate limited");
          case SERVER_ERROR ->
              request.dialect().serverError(request.options(), requestHash, attempt);
          default -> null;
        };
    calls.add(
        new SimulatedCall(
            request.at(),
            request.dialect().name(),
            request.path(),
            model,
            reply == null ? 0 : reply.status(),
            outcome,
            served == null ? 0 : served.inputTokens(),
            served == null ? 0 : served.outputTokens(),
            served == null ? 0 : served.cachedInputTokens(),
            requestHash,
            attempt));
    if (outcome == Outcome.TIMEOUT) {
      await(request.options().timeoutHang());
      request.exchange().close();
      return;
    }
    Map<String, String> headers =
        outcome == Outcome.RATE_LIMITED
            ? Map.of("Retry-After", Integer.toString(request.options().retryAfterSeconds()))
            : Map.of();
    sendAfterLatency(request, reply, headers);
  }

  /**
   * Answers a request that draws no fault (metadata, or one rejected before the model): records the
   * call with an empty hash, waits for the latency, and sends the reply.
   */
  void answer(Incoming request, String model, Outcome outcome, Reply reply) throws IOException {
    calls.add(
        new SimulatedCall(
            request.at(),
            request.dialect().name(),
            request.path(),
            model,
            reply.status(),
            outcome,
            0,
            0,
            0,
            "",
            0));
    sendAfterLatency(request, reply, Map.of());
  }

  /**
   * The prompt tokens served from the cache, the way OpenAI caches prompt prefixes: the system
   * message's tokens if this server saw the same system message before and the prompt has at least
   * 1024 tokens, else 0. Remembers the system message for later requests.
   */
  long cachedInputTokens(String systemMessage, long inputTokens) {
    if (systemMessage == null || systemMessage.isEmpty()) {
      return 0;
    }
    boolean seen = !seenSystemMessages.add(systemMessage);
    return seen && inputTokens >= 1024 ? SimulatedModel.tokens(systemMessage) : 0;
  }

  private void sendAfterLatency(Incoming request, Reply reply, Map<String, String> headers)
      throws IOException {
    if (await(request.options().latency())) {
      request.exchange().close();
      return;
    }
    send(request.exchange(), reply, headers);
  }

  /** Waits that long, or until the simulator closes; true if it is closing. */
  private boolean await(Duration duration) {
    if (duration.isZero()) {
      return closing.getCount() == 0;
    }
    try {
      return closing.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  static void send(HttpExchange exchange, Reply reply, Map<String, String> headers)
      throws IOException {
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    headers.forEach(exchange.getResponseHeaders()::set);
    if (body.length == 0 || exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(reply.status(), -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(reply.status(), reply.chunked() ? 0 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
