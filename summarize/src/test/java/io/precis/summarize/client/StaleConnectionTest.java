package io.precis.summarize.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.core.config.Provider;
import io.precis.core.config.TierSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A server that answers one request per connection and drops the next one unanswered, as a server
 * does when it closes an idle kept-alive connection just as the client reuses it: the client's
 * request goes out on a dying connection and gets no byte back. The client sends it again, once, on
 * a new connection.
 */
class StaleConnectionTest {
  private static final String ANSWER =
      "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
          + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}";

  @Test
  void aRequestSentOnAConnectionTheServerClosedIsSentAgainOnce() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread serving =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (Socket socket = server.accept()) {
                    connections.incrementAndGet();
                    BufferedReader in =
                        new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                    readRequest(in);
                    answer(socket);
                    readRequest(in); // the next request on this connection: dropped unanswered
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      serving.setDaemon(true);
      serving.start();
      OpenAiCompatibleClient client =
          new OpenAiCompatibleClient(
              new TierSettings(
                  "premium",
                  Provider.OPENAI,
                  URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1"),
                  "gpt-4o",
                  "",
                  Duration.ofSeconds(10),
                  16,
                  0.0,
                  0),
              Optional.empty());
      ChatRequest request = new ChatRequest("gpt-4o", "Summarize.", "Text.", 16, 0.0);

      for (int call = 0; call < 5; call++) {
        assertThat(client.chat(request).text()).isEqualTo("ok");
      }
      // Every call after the first went out on a connection that was then dropped, and again on
      // a new one.
      assertThat(connections.get()).isEqualTo(5);
    }
  }

  @Test
  void onlyAnAnswerlessClosedConnectionCountsAsStale() {
    assertThat(
            ChatHttp.isStaleConnection(new IOException("HTTP/1.1 header parser received no bytes")))
        .isTrue();
    assertThat(ChatHttp.isStaleConnection(new IOException("Connection reset"))).isFalse();
    assertThat(
            ChatHttp.isStaleConnection(
                new java.net.http.HttpTimeoutException("header parser received no bytes")))
        .isFalse();
  }

  private static void readRequest(BufferedReader in) throws IOException {
    int length = 0;
    String line;
    while ((line = in.readLine()) != null && !line.isEmpty()) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    for (int i = 0; i < length; i++) {
      in.read();
    }
  }

  private static void answer(Socket socket) throws IOException {
    byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }
}
