package io.precis.routing.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import io.precis.core.config.EmbedderSettings;
import io.precis.core.errors.PrecisException;
import io.precis.testkit.sim.LlmSimulator;
import io.precis.testkit.sim.SimulatedModel;
import io.precis.testkit.sim.SimulatorOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RemoteEmbedderTest {
  private static final List<String> TEXTS =
      List.of(
          "The invoice is due on the first of March.",
          "Payment terms: thirty days net.",
          "The cat sat on the windowsill in the sun.",
          "Refunds are issued within five business days.",
          "Contact support to change the billing address.",
          "The licence permits copying and modification.",
          "Servers keep logs for thirty days.");

  private LlmSimulator simulator;

  @BeforeEach
  void start() {
    simulator =
        LlmSimulator.start(
            SimulatorOptions.builder()
                .models("nomic-embed-text", "text-embedding-3-small")
                .embeddingDimensions(48)
                .requiredApiKey("sk-test")
                .build());
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Test
  void ollamaBatchesKeepTheOrderAndGiveUnitVectors() {
    try (Embedder embedder = ollama("nomic-embed-text", 3)) {
      List<float[]> vectors = embedder.embed(TEXTS);

      assertThat(embedder.id()).isEqualTo("ollama/nomic-embed-text");
      assertThat(embedder.dimensions()).isEqualTo(48);
      assertThat(simulator.calls().count(c -> c.path().equals("/api/embed"))).isEqualTo(3);
      assertOrderedUnitVectors(vectors);
      // Deterministic: the same texts in other batches give the same vectors.
      List<float[]> again = ollama("nomic-embed-text", 2).embed(TEXTS);
      for (int i = 0; i < TEXTS.size(); i++) {
        assertThat(again.get(i)).containsExactly(vectors.get(i));
      }
    }
  }

  @Test
  void openAiSendsTheKeyAndKeepsTheOrder() {
    try (Embedder embedder = openAi(simulator.openAiBaseUrl(), "OPENAI_TEST_KEY", 4)) {
      List<float[]> vectors = embedder.embed(TEXTS);

      assertThat(embedder.id()).isEqualTo("openai/text-embedding-3-small");
      assertThat(embedder.dimensions()).isEqualTo(48);
      assertThat(simulator.calls().count(c -> c.path().equals("/v1/embeddings"))).isEqualTo(2);
      assertOrderedUnitVectors(vectors);
    }
  }

  @Test
  void dimensionsBeforeAnyTextAsksTheServerOnce() {
    try (Embedder embedder = ollama("nomic-embed-text", 8)) {
      assertThat(embedder.dimensions()).isEqualTo(48);
      assertThat(embedder.dimensions()).isEqualTo(48);
      assertThat(simulator.calls().count(c -> c.path().equals("/api/embed"))).isEqualTo(1);
    }
  }

  @Test
  void openAiItemsAreOrderedByTheirIndex() throws IOException {
    String body =
        "{\"data\":[{\"index\":1,\"embedding\":[0,2]},{\"index\":0,\"embedding\":[3,4]}]}";
    try (Fixed server = new Fixed(200, body);
        Embedder embedder = openAi(server.url(), "", 8)) {
      List<float[]> vectors = embedder.embed(List.of("first", "second"));

      assertThat(vectors.get(0)).containsExactly(0.6f, 0.8f);
      assertThat(vectors.get(1)).containsExactly(0f, 1f);
      assertThat(server.bodies)
          .containsExactly(
              "{\"model\":\"text-embedding-3-small\",\"input\":[\"first\",\"second\"]}");
    }
  }

  @Test
  void aWrongCountOfVectorsIsABadAnswer() throws IOException {
    try (Fixed server = new Fixed(200, "{\"embeddings\":[[1,0]]}");
        Embedder embedder = ollamaAt(server.url(), "nomic-embed-text", 8)) {
      assertThatThrownBy(() -> embedder.embed(List.of("one", "two")))
          .isInstanceOf(PrecisException.class)
          .hasMessageContaining("1 vectors for 2 texts")
          .hasMessageContaining("embedder.base-url")
          .hasMessageContaining("Ollama's /api/embed");
    }
  }

  @Test
  void vectorsOfChangingLengthAreABadAnswer() throws IOException {
    try (Fixed server = new Fixed(200, "{\"embeddings\":[[1,0],[1,0,0]]}");
        Embedder embedder = ollamaAt(server.url(), "nomic-embed-text", 8)) {
      assertThatThrownBy(() -> embedder.embed(List.of("one", "two")))
          .isInstanceOf(PrecisException.class)
          .hasMessageContaining("a vector of 3 dimensions after vectors of 2");
    }
  }

  @Test
  void anHttpErrorShowsTheStatusAndAnExcerptOfTheBody() throws IOException {
    String page = "<html><body>502 Bad Gateway\n" + "x".repeat(1000) + "</body></html>";
    try (Fixed server = new Fixed(502, page);
        Embedder embedder = ollamaAt(server.url(), "nomic-embed-text", 8)) {
      assertThatThrownBy(() -> embedder.embed(List.of("one")))
          .isInstanceOf(PrecisException.class)
          .hasMessageContaining("answered HTTP 502 (<html><body>502 Bad Gateway x")
          .hasMessageContaining("...)")
          .hasMessageNotContaining("x".repeat(400))
          .hasMessageContaining("server's log");
    }
  }

  @Test
  void aServerErrorCarriesTheServersMessage() {
    simulator.configure(simulator.options().toBuilder().serverErrorShare(1).build());
    try (Embedder embedder = ollama("nomic-embed-text", 8)) {
      assertThatThrownBy(() -> embedder.embed(TEXTS))
          .isInstanceOf(PrecisException.class)
          .hasMessageContaining("HTTP 500 (simulated server error)");
    }
  }

  @Test
  void aTruncatedBodyIsABadAnswer() {
    simulator.configure(simulator.options().toBuilder().malformedShare(1).build());
    try (Embedder embedder = ollama("nomic-embed-text", 8)) {
      assertThatThrownBy(() -> embedder.embed(TEXTS))
          .isInstanceOf(PrecisException.class)
          .hasMessageContaining("the body is not JSON");
    }
  }

  @Test
  void aMissingOllamaModelSaysToPullIt() {
    try (Embedder embedder = ollama("mxbai-embed-large", 8)) {
      assertThatThrownBy(() -> embedder.embed(TEXTS))
          .isInstanceOf(PrecisException.class)
          .hasMessageContaining("HTTP 404")
          .hasMessageContaining("ollama pull mxbai-embed-large")
          .hasMessageContaining("embedder.model");
    }
  }

  @Test
  void aMissingOpenAiModelSaysToCheckTheName() {
    EmbedderSettings settings =
        new EmbedderSettings(
            "openai", simulator.openAiBaseUrl(), "text-embedding-9", "KEY", 8, 0, seconds(5));
    try (Embedder embedder = new RemoteEmbedder(settings, Optional.of("sk-test"))) {
      assertThatThrownBy(() -> embedder.embed(TEXTS))
          .isInstanceOf(PrecisException.class)
          .hasMessageContaining("does not serve model 'text-embedding-9'")
          .hasMessageContaining("embedder.model");
    }
  }

  @Test
  void aRefusedKeyNamesItsVariable() {
    EmbedderSettings settings =
        new EmbedderSettings(
            "openai",
            simulator.openAiBaseUrl(),
            "text-embedding-3-small",
            "OPENAI_TEST_KEY",
            8,
            0,
            seconds(5));
    try (Embedder embedder = new RemoteEmbedder(settings, Optional.of("sk-wrong"))) {
      assertThatThrownBy(() -> embedder.embed(TEXTS))
          .isInstanceOf(PrecisException.class)
          .hasMessageContaining("HTTP 401")
          .hasMessageContaining("$OPENAI_TEST_KEY");
    }
  }

  @Test
  void anOpenAiUrlWithoutItsApiRootSaysToCheckTheBaseUrl() {
    try (Embedder embedder = openAi(simulator.baseUrl(), "OPENAI_TEST_KEY", 8)) {
      assertThatThrownBy(() -> embedder.embed(TEXTS))
          .isInstanceOf(PrecisException.class)
          .hasMessageContaining("HTTP 404")
          .hasMessageContaining("https://api.openai.com/v1");
    }
  }

  @Test
  void anUnreachableServerSaysHowToStartIt() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    try (Embedder embedder = ollamaAt("http://127.0.0.1:" + port, "nomic-embed-text", 8)) {
      assertThatThrownBy(() -> embedder.embed(TEXTS))
          .isInstanceOf(PrecisException.class)
          .hasMessageContaining("Cannot reach the ollama embedder at http://127.0.0.1:" + port)
          .hasMessageContaining("connection refused")
          .hasMessageContaining("ollama serve");
    }
  }

  @Test
  void noAnswerInTimeSaysToRaiseTheTimeout() {
    simulator.configure(
        simulator.options().toBuilder().timeoutShare(1).timeoutHang(seconds(10)).build());
    EmbedderSettings settings =
        new EmbedderSettings(
            "ollama", simulator.baseUrl(), "nomic-embed-text", "", 8, 0, Duration.ofMillis(300));
    try (Embedder embedder = new RemoteEmbedder(settings, Optional.empty())) {
      assertThatThrownBy(() -> embedder.embed(TEXTS))
          .isInstanceOf(PrecisException.class)
          .hasMessageContaining("did not answer a batch of 7 texts")
          .hasMessageContaining("embedder.timeout");
    }
  }

  /** In the order of the texts: each is the simulator's vector of its own text. */
  private static void assertOrderedUnitVectors(List<float[]> vectors) {
    assertThat(vectors).hasSize(TEXTS.size());
    for (int i = 0; i < TEXTS.size(); i++) {
      assertThat(Embedder.cosine(vectors.get(i), vectors.get(i))).isCloseTo(1.0, within(1e-5));
      float[] expected = Embedder.normalized(SimulatedModel.embed(TEXTS.get(i), 48));
      assertThat(Embedder.cosine(vectors.get(i), expected)).isCloseTo(1.0, within(1e-5));
    }
  }

  private Embedder ollama(String model, int batchSize) {
    return ollamaAt(simulator.baseUrl(), model, batchSize);
  }

  private static Embedder ollamaAt(String baseUrl, String model, int batchSize) {
    return Embedders.create(
        new EmbedderSettings("ollama", baseUrl, model, "", batchSize, 0, seconds(5)),
        Map.<String, String>of()::get);
  }

  private static Embedder openAi(String baseUrl, String keyVariable, int batchSize) {
    return Embedders.create(
        new EmbedderSettings(
            "openai", baseUrl, "text-embedding-3-small", keyVariable, batchSize, 0, seconds(5)),
        Map.of("OPENAI_TEST_KEY", "sk-test")::get);
  }

  private static Duration seconds(int seconds) {
    return Duration.ofSeconds(seconds);
  }

  /** A server on 127.0.0.1 that answers every request with one status and body. */
  static final class Fixed implements AutoCloseable {
    private final HttpServer server;
    final List<String> bodies = new ArrayList<>();

    Fixed(int status, String body) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            synchronized (bodies) {
              bodies.add(
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(bytes);
            }
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
