package io.precis.summarize.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.precis.core.cost.TokenUsage;
import io.precis.core.model.CallStage;
import io.precis.core.model.JobContext;
import io.precis.core.model.LlmCallRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * One ledger entry per line of JSON ({@code "v": 1}), written so that a line is either whole or
 * recognizably cut: a reader skips a line that does not parse (the tail a killed writer left).
 */
public final class LedgerCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LedgerCodec() {}

  /** The entry as one line of JSON, without the line break. */
  public static String encode(LedgerEntry entry) {
    LlmCallRecord r = entry.record();
    ObjectNode node = JSON.createObjectNode();
    node.put("v", 1);
    node.put("call_id", r.callId());
    node.put("request_hash", r.requestHash());
    node.put("job_id", r.job().jobId());
    node.put("feature", r.job().feature());
    node.put("tenant", r.job().tenant());
    node.put("user_id", r.job().userId());
    node.put("doc_id", r.docId());
    node.put("chunk_id", r.chunkId());
    node.put("stage", r.stage().name());
    node.put("provider", r.provider());
    node.put("model", r.model());
    node.put("tier", r.tier());
    node.put("prompt_version", r.promptVersion());
    node.put("input_tokens", r.usage().inputTokens());
    node.put("output_tokens", r.usage().outputTokens());
    node.put("cached_input_tokens", r.usage().cachedInputTokens());
    node.put("latency_ms", r.latencyMs());
    node.put("cost_usd", r.costUsd().toPlainString());
    node.put("attempts", r.attempts());
    node.put("started_at", r.startedAt().toString());
    node.put("answer", entry.answer());
    try {
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The entry a line holds, or empty for a line that is cut or not an entry. */
  public static Optional<LedgerEntry> decode(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      if (node == null || !node.isObject() || node.path("v").asInt() != 1) {
        return Optional.empty();
      }
      LlmCallRecord record =
          new LlmCallRecord(
              text(node, "call_id"),
              text(node, "request_hash"),
              new JobContext(
                  text(node, "job_id"),
                  text(node, "feature"),
                  text(node, "tenant"),
                  text(node, "user_id")),
              text(node, "doc_id"),
              node.path("chunk_id").isTextual() ? node.get("chunk_id").asText() : null,
              CallStage.valueOf(text(node, "stage")),
              text(node, "provider"),
              text(node, "model"),
              text(node, "tier"),
              text(node, "prompt_version"),
              new TokenUsage(
                  node.path("input_tokens").asLong(),
                  node.path("output_tokens").asLong(),
                  node.path("cached_input_tokens").asLong()),
              node.path("latency_ms").asLong(),
              new BigDecimal(text(node, "cost_usd")),
              true,
              null,
              null,
              node.path("attempts").asInt(1),
              Instant.parse(text(node, "started_at")),
              null);
      return Optional.of(new LedgerEntry(record, text(node, "answer")));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("no " + field);
    }
    return value.asText();
  }
}
