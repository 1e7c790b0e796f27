package io.precis.summarize;

import io.precis.core.model.LlmCallRecord;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A document's summary (null when some chunk is unresolved, or the reduce call failed), the models
 * that contributed to it, and the reduce call if one was made.
 *
 * @param reduceInput the user message of the reduce call made or served from the cache; null when
 *     the document needed none
 * @param cached whether the summary was served from the cache, without a call
 */
public record DocumentSummary(
    String docId,
    String summary,
    List<String> models,
    String reason,
    List<LlmCallRecord> calls,
    String reduceInput,
    boolean cached)
    implements Serializable {
  public DocumentSummary {
    Objects.requireNonNull(docId, "docId is null");
    Objects.requireNonNull(reason, "reason is null");
    models = List.copyOf(models);
    calls = List.copyOf(calls);
  }

  /** A summary that needed no reduce call, or got none. */
  public DocumentSummary(
      String docId, String summary, List<String> models, String reason, List<LlmCallRecord> calls) {
    this(docId, summary, models, reason, calls, null, false);
  }
}
