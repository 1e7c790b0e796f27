package io.precis.summarize;

import io.precis.core.model.LlmCallRecord;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A document's summary (null when some chunk is unresolved, the reduce needs more calls than
 * allowed, or a reduce call failed), the models that contributed to it, and the reduce calls made.
 *
 * @param calls the reduce calls made, in order, a failed one included
 * @param reduceInput the user message of the last reduce call made or served from the cache: the
 *     root's when the document got its summary; null when the document needed none
 * @param cached whether the summary itself (the root's answer) was served from the cache
 * @param reduceCallsPlanned the most reduce calls the document could need ({@link
 *     ReducePlan#maxCalls()}), known before the first; 0 when it needed no plan
 * @param reduceAnswers every reduce answer of the tree that was obtained, in the order obtained,
 *     with its input: what a cache can keep, so that a document whose summaries change in one place
 *     makes only the calls on that path again
 */
public record DocumentSummary(
    String docId,
    String summary,
    List<String> models,
    String reason,
    List<LlmCallRecord> calls,
    String reduceInput,
    boolean cached,
    int reduceCallsPlanned,
    List<ReduceAnswer> reduceAnswers)
    implements Serializable {
  public DocumentSummary {
    Objects.requireNonNull(docId, "docId is null");
    Objects.requireNonNull(reason, "reason is null");
    models = List.copyOf(models);
    calls = List.copyOf(calls);
    reduceAnswers = List.copyOf(reduceAnswers);
  }

  /** A summary that needed no reduce call, or got none. */
  public DocumentSummary(
      String docId, String summary, List<String> models, String reason, List<LlmCallRecord> calls) {
    this(docId, summary, models, reason, calls, null, false, 0, List.of());
  }

  /**
   * One reduce call's input (its user message) and answer.
   *
   * @param cached whether the answer came from the cache rather than from a call
   */
  public record ReduceAnswer(String input, String answer, boolean cached) implements Serializable {
    public ReduceAnswer {
      Objects.requireNonNull(input, "input is null");
      Objects.requireNonNull(answer, "answer is null");
    }
  }

  /** How many reduce calls were made for the document: at most {@link #reduceCallsPlanned()}. */
  public int reduceCallsMade() {
    return calls.size();
  }
}
