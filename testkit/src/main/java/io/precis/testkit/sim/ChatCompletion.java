package io.precis.testkit.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One OpenAI chat completion, rendered either as a whole {@code chat.completion} object or as the
 * {@code chat.completion.chunk} server-sent events of a stream.
 */
record ChatCompletion(
    String id, long created, String model, SimulatedModel.Answer answer, ObjectNode usage) {
  ChatCompletion {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(answer, "answer is null");
    Objects.requireNonNull(usage, "usage is null");
  }

  /** The whole {@code chat.completion} object. */
  Reply whole() {
    ObjectNode completion = header("chat.completion");
    ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
    choice
        .putObject("message")
        .put("role", "assistant")
        .put("content", answer.text())
        .putNull("refusal");
    choice.putNull("logprobs");
    choice.put("finish_reason", answer.finishReason());
    completion.set("usage", usage);
    return Reply.json(200, Json.write(completion));
  }

  /**
   * The stream: a first chunk with the assistant role, one chunk per piece of the answer, a chunk
   * with an empty delta and the finish reason, then (if asked) a chunk with no choices and the
   * usage, and the {@code [DONE]} line. Every chunk carries {@code "usage": null} when usage is
   * asked for, as OpenAI does.
   */
  Reply stream(boolean includeUsage) {
    StringBuilder events = new StringBuilder();
    ObjectNode first = chunk(includeUsage, null);
    delta(first).put("role", "assistant").put("content", "").putNull("refusal");
    event(events, first);
    for (String piece : SimulatedModel.pieces(answer.text())) {
      ObjectNode chunk = chunk(includeUsage, null);
      delta(chunk).put("content", piece);
      event(events, chunk);
    }
    event(events, chunk(includeUsage, answer.finishReason()));
    if (includeUsage) {
      ObjectNode last = header("chat.completion.chunk");
      last.putArray("choices");
      last.set("usage", usage);
      event(events, last);
    }
    events.append("data: [DONE]\n\n");
    return new Reply(200, Reply.EVENT_STREAM, events.toString(), true);
  }

  private ObjectNode header(String object) {
    return Json.object()
        .put("id", id)
        .put("object", object)
        .put("created", created)
        .put("model", model)
        .put("system_fingerprint", OpenAiApi.SYSTEM_FINGERPRINT);
  }

  private ObjectNode chunk(boolean includeUsage, String finishReason) {
    ObjectNode chunk = header("chat.completion.chunk");
    ArrayNode choices = chunk.putArray("choices");
    ObjectNode choice = choices.addObject().put("index", 0);
    choice.putObject("delta");
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    if (includeUsage) {
      chunk.putNull("usage");
    }
    return chunk;
  }

  private static ObjectNode delta(ObjectNode chunk) {
    return (ObjectNode) chunk.get("choices").get(0).get("delta");
  }

  private static void event(StringBuilder events, ObjectNode chunk) {
    events.append("data: ").append(Json.write(chunk)).append("\n\n");
  }
}
