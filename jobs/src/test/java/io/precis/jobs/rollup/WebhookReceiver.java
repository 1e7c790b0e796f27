package io.precis.jobs.rollup;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A webhook receiver on a free local port: it records every request and answers 200, or 500 for the
 * bodies it is told to refuse.
 */
final class WebhookReceiver implements AutoCloseable {
  /** One request as it arrived. */
  record Request(String method, String contentType, String body) {}

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Predicate<String> refuse = body -> false;
  private final HttpServer server;

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              new Request(
                  exchange.getRequestMethod(),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  body));
          boolean refused = refuse.test(body);
          byte[] answer = (refused ? "nope" : "ok").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(refused ? 500 : 200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** Answers 500 to the bodies that match, from now on. */
  void refuse(Predicate<String> bodies) {
    refuse = bodies;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
