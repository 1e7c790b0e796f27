package io.precis.testkit.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The JSON plumbing of the simulated APIs: one compact mapper and a few tree helpers. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** A new empty JSON object. */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** A new empty JSON array. */
  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** A JSON value on one line, as NDJSON and SSE need. */
  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  /**
   * A request body parsed as a JSON object.
   *
   * @throws IllegalArgumentException if it is not JSON or not an object, with a message for the
   *     client
   */
  static JsonNode parseObject(String body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("the request body must be a JSON object");
    }
    return node;
  }

  /** A text field of an object, or the empty string when it is absent, null or not text. */
  static String text(JsonNode object, String field) {
    JsonNode value = object.get(field);
    return value != null && value.isTextual() ? value.asText() : "";
  }

  /**
   * The texts of an embedding input: a string, or an array of strings.
   *
   * @throws IllegalArgumentException if it is anything else
   */
  static List<String> texts(JsonNode input, String field) {
    if (input != null && input.isTextual()) {
      return List.of(input.asText());
    }
    if (input != null && input.isArray()) {
      List<String> texts = new ArrayList<>();
      for (JsonNode element : input) {
        if (!element.isTextual()) {
          throw new IllegalArgumentException(
              "'" + field + "' must be a string or an array of strings");
        }
        texts.add(element.asText());
      }
      return texts;
    }
    throw new IllegalArgumentException("'" + field + "' must be a string or an array of strings");
  }

  /** A vector as a JSON array of numbers. */
  static ArrayNode vector(float[] values) {
    ArrayNode array = array();
    for (float value : values) {
      array.add(value);
    }
    return array;
  }
}
