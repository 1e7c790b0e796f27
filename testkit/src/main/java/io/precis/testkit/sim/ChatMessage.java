package io.precis.testkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** One message of a chat request, as both APIs send it: a role and a text content. */
record ChatMessage(String role, String content) {
  ChatMessage {
    Objects.requireNonNull(role, "role is null");
    Objects.requireNonNull(content, "content is null");
  }

  /**
   * The messages of a request's {@code messages} array. A content may be a string, null, or (as
   * OpenAI allows) an array of parts whose {@code text} parts are joined.
   *
   * @throws IllegalArgumentException if the array is missing or empty, or a message is not an
   *     object
   */
  static List<ChatMessage> parse(JsonNode messages) {
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw new IllegalArgumentException("messages is required and must be a non-empty array");
    }
    List<ChatMessage> parsed = new ArrayList<>();
    for (JsonNode message : messages) {
      if (!message.isObject()) {
        throw new IllegalArgumentException("each message must be a JSON object");
      }
      parsed.add(new ChatMessage(Json.text(message, "role"), content(message.get("content"))));
    }
    return List.copyOf(parsed);
  }

  private static String content(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isArray()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode part : content) {
        if (part.isTextual()) {
          text.append(part.asText());
        } else if (part.isObject()) {
          text.append(Json.text(part, "text"));
        }
      }
      return text.toString();
    }
    return content.asText();
  }

  /** The content of the last user message, the one to answer; empty if there is none. */
  static String lastUserContent(List<ChatMessage> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role().equals("user")) {
        return messages.get(i).content();
      }
    }
    return "";
  }

  /** The content of the first system (or developer) message; null if there is none. */
  static String systemContent(List<ChatMessage> messages) {
    return messages.stream()
        .filter(message -> message.role().equals("system") || message.role().equals("developer"))
        .map(ChatMessage::content)
        .findFirst()
        .orElse(null);
  }

  /** The prompt tokens: each content's tokens plus {@link SimulatedModel#TOKENS_PER_MESSAGE}. */
  static long inputTokens(List<ChatMessage> messages) {
    return messages.stream()
        .mapToLong(m -> SimulatedModel.tokens(m.content()) + SimulatedModel.TOKENS_PER_MESSAGE)
        .sum();
  }

  /** All contents joined by newlines: the prompt text that identifies a request. */
  static String promptText(List<ChatMessage> messages) {
    return messages.stream().map(ChatMessage::content).collect(Collectors.joining("\n"));
  }
}
