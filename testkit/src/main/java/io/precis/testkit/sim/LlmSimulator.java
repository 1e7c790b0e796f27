package io.precis.testkit.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real HTTP server on 127.0.0.1 that speaks the Ollama REST API (at {@link #baseUrl()}), the
 * OpenAI API (at {@link #openAiBaseUrl()}) and the Anthropic Messages API (at {@link
 * #anthropicBaseUrl()}) deterministically, with fault knobs, so that tests and {@code precis demo}
 * can drive real LLM clients without a real model.
 *
 * <p>Every request runs on its own thread of a cached pool, so a request held by a simulated
 * timeout never blocks the others. See {@link SimulatorOptions} for the knobs and {@link
 * SimulatedModel} for what the model answers.
 */
public final class LlmSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LlmSimulator.class);
  private static final AtomicInteger SERVERS = new AtomicInteger();

  static {
    // The JDK server writes the headers and the body of an answer apart; without TCP_NODELAY,
    // Nagle's algorithm and the client's delayed ACK add ~40 ms to every answer on a kept-alive
    // connection. The server reads this property once, when its first instance is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Simulation simulation;
  private final OllamaApi ollama;
  private final OpenAiApi openAi;
  private final AnthropicApi anthropic;

  private LlmSimulator(HttpServer server, ExecutorService executor, Simulation simulation) {
    this.server = server;
    this.executor = executor;
    this.simulation = simulation;
    this.ollama = new OllamaApi(simulation);
    this.openAi = new OpenAiApi(simulation);
    this.anthropic = new AnthropicApi(simulation);
  }

  /**
   * Starts a simulator on 127.0.0.1 at {@code options.port()} (0 for an ephemeral port).
   *
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static LlmSimulator start(SimulatorOptions options) {
    Objects.requireNonNull(options, "options is null");
    HttpServer server;
    try {
      server =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot bind the LLM simulator to 127.0.0.1:" + options.port(), e);
    }
    ExecutorService executor = Executors.newCachedThreadPool(threads());
    LlmSimulator simulator = new LlmSimulator(server, executor, new Simulation(options));
    server.createContext("/", simulator::handle);
    server.setExecutor(executor);
    server.start();
    LOG.info("LLM simulator listening on {}", simulator.baseUrl());
    return simulator;
  }

  /** The port the simulator listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The Ollama base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The OpenAI base URL: {@link #baseUrl()} + {@code /v1}. */
  public String openAiBaseUrl() {
    return baseUrl() + "/v1";
  }

  /**
   * The Anthropic base URL: {@link #baseUrl()} + {@code /anthropic}, where {@code
   * https://api.anthropic.com} would be; clients call {@code <base>/v1/messages}.
   */
  public String anthropicBaseUrl() {
    return baseUrl() + AnthropicApi.PREFIX;
  }

  /** The options in force. */
  public SimulatorOptions options() {
    return simulation.options();
  }

  /**
   * Swaps the knobs at once for the requests that arrive from now on; the port is ignored. Requests
   * already being answered keep the options they arrived with.
   */
  public void configure(SimulatorOptions options) {
    simulation.configure(options);
  }

  /** The log of every request answered so far. */
  public CallLog calls() {
    return simulation.calls();
  }

  /**
   * Stops the server at once: requests that wait for their latency or hang in a simulated timeout
   * are dropped without an answer.
   */
  @Override
  public void close() {
    simulation.close();
    executor.shutdownNow();
    server.stop(0);
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("LLM simulator threads still running after close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    boolean openAiPath = path.equals("/v1") || path.startsWith("/v1/");
    boolean anthropicPath = AnthropicApi.owns(path);
    ApiDialect dialect = openAiPath ? openAi : anthropicPath ? anthropic : ollama;
    Incoming request = new Incoming(exchange, dialect, simulation.options(), Instant.now());
    try {
      if (openAiPath) {
        openAi.handle(request);
      } else if (anthropicPath) {
        anthropic.handle(request);
      } else {
        ollama.handle(request);
      }
    } catch (IOException e) {
      LOG.debug("LLM simulator could not answer {} {}", exchange.getRequestMethod(), path, e);
    } catch (RuntimeException e) {
      LOG.error("LLM simulator failed on {} {}", exchange.getRequestMethod(), path, e);
      try {
        Reply failure = dialect.error(500, SimulatedCall.Outcome.SERVER_ERROR, e.toString());
        Simulation.send(exchange, failure, Map.of());
      } catch (IOException | RuntimeException alreadyAnswering) {
        LOG.debug("LLM simulator could not report its failure", alreadyAnswering);
      }
    } finally {
      exchange.close();
    }
  }

  private static ThreadFactory threads() {
    int server = SERVERS.incrementAndGet();
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread =
          new Thread(runnable, "llm-simulator-" + server + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
