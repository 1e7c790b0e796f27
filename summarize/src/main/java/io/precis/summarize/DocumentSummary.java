package io.precis.summarize;

import io.precis.core.model.LlmCallRecord;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A document's summary (null when some chunk is unresolved, or the reduce call failed), the models
 * that contributed to it, and the reduce call if one was made.
 */
public record DocumentSummary(
    String docId, String summary, List<String> models, String reason, List<LlmCallRecord> calls)
    implements Serializable {
  public DocumentSummary {
    Objects.requireNonNull(docId, "docId is null");
    Objects.requireNonNull(reason, "reason is null");
    models = List.copyOf(models);
    calls = List.copyOf(calls);
  }
}
