package io.precis.testkit.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A raw HTTP client for the simulator in tests: sends JSON, returns status, headers and body. */
final class SimulatorHttp {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String baseUrl;
  private Duration timeout = Duration.ofSeconds(10);
  private String apiKey;
  private final Map<String, String> headers = new LinkedHashMap<>();

  SimulatorHttp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  SimulatorHttp timeout(Duration value) {
    timeout = value;
    return this;
  }

  SimulatorHttp apiKey(String value) {
    apiKey = value;
    return this;
  }

  /** Sends this header with every request from now on. */
  SimulatorHttp header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  Answer get(String path) throws IOException, InterruptedException {
    return send(request(path).GET().build());
  }

  Answer head(String path) throws IOException, InterruptedException {
    return send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
  }

  Answer post(String path, String json) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  Answer post(String path, JsonNode json) throws IOException, InterruptedException {
    return post(path, json.toString());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout);
    if (apiKey != null) {
      builder.header("Authorization", "Bearer " + apiKey);
    }
    headers.forEach(builder::header);
    return builder;
  }

  private Answer send(HttpRequest request) throws IOException, InterruptedException {
    return new Answer(client.send(request, HttpResponse.BodyHandlers.ofString()));
  }

  /** Parses a JSON text, failing the test on bad JSON. */
  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  /** A JSON object from alternating keys and values, e.g. {@code object("model", "m")}. */
  static ObjectNode object(Object... keysAndValues) {
    return MAPPER.valueToTree(linkedMap(keysAndValues));
  }

  private static Map<String, Object> linkedMap(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** A JSON chat message. */
  static Map<String, Object> message(String role, String content) {
    return linkedMap("role", role, "content", content);
  }

  /** One HTTP answer. */
  record Answer(HttpResponse<String> response) {
    int status() {
      return response.statusCode();
    }

    String body() {
      return response.body();
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    JsonNode json() {
      return SimulatorHttp.json(body());
    }

    /** The lines of an NDJSON body, each parsed. */
    List<JsonNode> ndjson() {
      List<JsonNode> lines = new ArrayList<>();
      for (String line : body().split("\n")) {
        if (!line.isEmpty()) {
          lines.add(SimulatorHttp.json(line));
        }
      }
      return lines;
    }

    /** The data payloads of a server-sent-events body, in order, unparsed. */
    List<String> events() {
      List<String> events = new ArrayList<>();
      for (String block : body().split("\n\n")) {
        if (!block.isEmpty()) {
          if (!block.startsWith("data: ")) {
            throw new AssertionError("not an SSE data line: " + block);
          }
          events.add(block.substring("data: ".length()));
        }
      }
      return events;
    }
  }
}
