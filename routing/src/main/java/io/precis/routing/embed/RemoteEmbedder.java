package io.precis.routing.embed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.precis.core.config.EmbedderSettings;
import io.precis.core.errors.Errors;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A remote embed endpoint over the JDK's HTTP client: Ollama's {@code POST base-url/api/embed} or
 * an OpenAI-compatible {@code POST base-url/embeddings}, {@code batch-size} texts per request. The
 * vectors are scaled to unit length, whatever the server sends. The API key, if any, goes only in
 * the Authorization header. Safe to share between threads.
 */
public final class RemoteEmbedder implements Embedder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EXCERPT = 300;

  private final EmbedderSettings settings;
  private final boolean ollama;
  private final String baseUrl;
  private final Optional<String> apiKey;
  private final HttpClient http;
  private volatile int dimensions;

  /**
   * @param settings provider {@code ollama} or {@code openai}, base-url and model set (see {@link
   *     Embedders#create})
   * @param apiKey the key from the environment variable {@code api-key-env} names
   */
  public RemoteEmbedder(EmbedderSettings settings, Optional<String> apiKey) {
    if (!settings.provider().equals("ollama") && !settings.provider().equals("openai")) {
      throw new IllegalArgumentException("provider " + settings.provider() + " is not remote");
    }
    this.settings = settings;
    this.ollama = settings.provider().equals("ollama");
    this.baseUrl = settings.baseUrl().replaceAll("/+$", "");
    this.apiKey = apiKey;
    Duration connect = Duration.ofSeconds(10);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(
                settings.timeout().compareTo(connect) < 0 ? settings.timeout() : connect)
            .build();
  }

  /** {@code provider/model}, e.g. {@code ollama/nomic-embed-text}. */
  @Override
  public String id() {
    return settings.provider() + "/" + settings.model();
  }

  /** The length of the vectors of the first answer; asks the server once if none came yet. */
  @Override
  public int dimensions() {
    if (dimensions == 0) {
      embed(List.of("dimensions"));
    }
    return dimensions;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    Embedders.requireText(texts);
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += settings.batchSize()) {
      List<String> batch = texts.subList(from, Math.min(texts.size(), from + settings.batchSize()));
      vectors.addAll(embedBatch(batch));
    }
    return vectors;
  }

  private List<float[]> embedBatch(List<String> batch) {
    ObjectNode body = JSON.createObjectNode().put("model", settings.model());
    batch.forEach(body.putArray("input")::add);
    String path = ollama ? "/api/embed" : "/embeddings";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
    HttpResponse<String> response = send(request.build(), batch.size());
    if (response.statusCode() != 200) {
      throw Errors.embedderRejected(
          settings.provider(),
          baseUrl,
          settings.model(),
          settings.apiKeyEnv(),
          response.statusCode(),
          errorMessage(response.body()));
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw badAnswer("the body is not JSON: " + excerpt(response.body()));
    }
    List<JsonNode> arrays = ollama ? ollamaVectors(answer) : openAiVectors(answer);
    if (arrays.size() != batch.size()) {
      throw badAnswer(arrays.size() + " vectors for " + batch.size() + " texts");
    }
    List<float[]> vectors = new ArrayList<>(arrays.size());
    for (JsonNode array : arrays) {
      vectors.add(Embedder.normalized(vector(array)));
    }
    return vectors;
  }

  private HttpResponse<String> send(HttpRequest request, int texts) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException e) {
      throw Errors.embedderUnreachable(settings.provider(), baseUrl, "no connection in time");
    } catch (HttpTimeoutException e) {
      throw Errors.embedderTimeout(settings.provider(), baseUrl, settings.timeout(), texts);
    } catch (IOException e) {
      throw Errors.embedderUnreachable(settings.provider(), baseUrl, describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while embedding", e);
    }
  }

  /** {@code {"embeddings": [[...], ...]}}. */
  private List<JsonNode> ollamaVectors(JsonNode answer) {
    JsonNode embeddings = answer.path("embeddings");
    if (!embeddings.isArray()) {
      throw badAnswer("no \"embeddings\" array in " + excerpt(answer.toString()));
    }
    List<JsonNode> arrays = new ArrayList<>();
    embeddings.forEach(arrays::add);
    return arrays;
  }

  /** {@code {"data": [{"index": i, "embedding": [...]}, ...]}}, put in the order of index. */
  private List<JsonNode> openAiVectors(JsonNode answer) {
    JsonNode data = answer.path("data");
    if (!data.isArray()) {
      throw badAnswer("no \"data\" array in " + excerpt(answer.toString()));
    }
    JsonNode[] arrays = new JsonNode[data.size()];
    for (int i = 0; i < data.size(); i++) {
      JsonNode item = data.get(i);
      int index = item.path("index").asInt(i);
      if (index < 0 || index >= arrays.length || arrays[index] != null) {
        throw badAnswer("item " + i + " has index " + index + " among " + arrays.length);
      }
      arrays[index] = item.path("embedding");
    }
    return List.of(arrays);
  }

  private float[] vector(JsonNode array) {
    if (!array.isArray() || array.isEmpty()) {
      throw badAnswer("a vector is not an array of numbers: " + excerpt(array.toString()));
    }
    float[] vector = new float[array.size()];
    for (int i = 0; i < vector.length; i++) {
      if (!array.get(i).isNumber()) {
        throw badAnswer("a vector holds " + excerpt(array.get(i).toString()));
      }
      vector[i] = (float) array.get(i).asDouble();
    }
    synchronized (this) {
      if (dimensions == 0) {
        dimensions = vector.length;
      }
    }
    if (vector.length != dimensions) {
      throw badAnswer(
          "a vector of " + vector.length + " dimensions after vectors of " + dimensions);
    }
    return vector;
  }

  /** What went wrong with a connection, in a few words: the JDK often gives no message. */
  private static String describe(IOException e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    if (root instanceof UnresolvedAddressException) {
      return "unknown host";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private RuntimeException badAnswer(String detail) {
    return Errors.embedderBadAnswer(settings.provider(), baseUrl, settings.model(), detail);
  }

  /**
   * The server's own message: Ollama's {@code {"error": "..."}}, OpenAI's {@code {"error":
   * {"message": "..."}}}, else the start of the body.
   */
  private static String errorMessage(String body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      if (error.isTextual()) {
        return error.asText();
      }
      if (error.path("message").isTextual()) {
        return error.path("message").asText();
      }
    } catch (JsonProcessingException e) {
      // Not JSON: show the body itself.
    }
    return body.isBlank() ? "empty body" : excerpt(body);
  }

  private static String excerpt(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= EXCERPT ? line : line.substring(0, EXCERPT) + "...";
  }
}
