package io.precis.testkit.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One Anthropic message, rendered either whole or as the server-sent events of a stream.
 *
 * @param inputTokens the prompt tokens not read from the prompt cache, as Anthropic counts {@code
 *     input_tokens}
 * @param cacheReadTokens the prompt tokens read from the prompt cache
 */
record AnthropicMessage(
    String id,
    String model,
    SimulatedModel.Answer answer,
    long inputTokens,
    long cacheReadTokens,
    long outputTokens) {
  AnthropicMessage {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(answer, "answer is null");
  }

  /** {@code max_tokens} when the answer was cut at its budget, else {@code end_turn}. */
  String stopReason() {
    return answer.truncated() ? "max_tokens" : "end_turn";
  }

  /** The whole {@code message} object; an empty answer has no content block, as Anthropic's. */
  Reply whole() {
    ObjectNode message = header();
    if (!answer.text().isEmpty()) {
      ((ArrayNode) message.get("content"))
          .addObject()
          .put("type", "text")
          .put("text", answer.text());
    }
    message.put("stop_reason", stopReason());
    message.putNull("stop_sequence");
    message.set("usage", usage(outputTokens));
    return Reply.json(200, Json.write(message));
  }

  /**
   * The stream: {@code message_start} (the message without content, with the input usage and one
   * output token), {@code content_block_start}, {@code ping}, one {@code content_block_delta} per
   * piece of the answer, {@code content_block_stop}, {@code message_delta} with the stop reason and
   * the output tokens, and {@code message_stop}.
   */
  Reply stream() {
    StringBuilder events = new StringBuilder();
    ObjectNode start = Json.object().put("type", "message_start");
    ObjectNode message = header();
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    message.set("usage", usage(1));
    start.set("message", message);
    event(events, start);
    ObjectNode blockStart = Json.object().put("type", "content_block_start").put("index", 0);
    blockStart.putObject("content_block").put("type", "text").put("text", "");
    event(events, blockStart);
    event(events, Json.object().put("type", "ping"));
    for (String piece : SimulatedModel.pieces(answer.text())) {
      ObjectNode delta = Json.object().put("type", "content_block_delta").put("index", 0);
      delta.putObject("delta").put("type", "text_delta").put("text", piece);
      event(events, delta);
    }
    event(events, Json.object().put("type", "content_block_stop").put("index", 0));
    ObjectNode end = Json.object().put("type", "message_delta");
    end.putObject("delta").put("stop_reason", stopReason()).putNull("stop_sequence");
    end.putObject("usage").put("output_tokens", outputTokens);
    event(events, end);
    event(events, Json.object().put("type", "message_stop"));
    return new Reply(200, Reply.EVENT_STREAM, events.toString(), true);
  }

  private ObjectNode header() {
    ObjectNode message =
        Json.object()
            .put("id", id)
            .put("type", "message")
            .put("role", "assistant")
            .put("model", model);
    message.putArray("content");
    return message;
  }

  private ObjectNode usage(long output) {
    return Json.object()
        .put("input_tokens", inputTokens)
        .put("cache_creation_input_tokens", 0)
        .put("cache_read_input_tokens", cacheReadTokens)
        .put("output_tokens", output);
  }

  private static void event(StringBuilder events, ObjectNode data) {
    events
        .append("event: ")
        .append(data.get("type").asText())
        .append("\ndata: ")
        .append(Json.write(data))
        .append("\n\n");
  }
}
