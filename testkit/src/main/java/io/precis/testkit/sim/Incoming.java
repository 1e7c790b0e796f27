package io.precis.testkit.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * One request being answered: its exchange, the API it came to, the options in force when it
 * arrived (so a concurrent {@link LlmSimulator#configure} does not change it halfway) and when.
 */
record Incoming(HttpExchange exchange, ApiDialect dialect, SimulatorOptions options, Instant at) {
  Incoming {
    Objects.requireNonNull(exchange, "exchange is null");
    Objects.requireNonNull(dialect, "dialect is null");
    Objects.requireNonNull(options, "options is null");
    Objects.requireNonNull(at, "at is null");
  }

  /** The request path, without the query. */
  String path() {
    return exchange.getRequestURI().getPath();
  }

  /** The request method, e.g. {@code GET}. */
  String method() {
    return exchange.getRequestMethod();
  }

  /** The request body, read whole as UTF-8. */
  String body() throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
