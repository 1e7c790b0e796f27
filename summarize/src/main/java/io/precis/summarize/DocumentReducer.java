package io.precis.summarize;

import io.precis.core.config.LlmSettings;
import io.precis.core.config.SummarySettings;
import io.precis.core.model.JobContext;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Combines a document's chunk summaries into its summary with one reduce call on the cheapest tier.
 * A one-chunk document needs no call: its chunk summary is the document summary. A document with an
 * unresolved chunk gets no summary until a later run resolves it.
 */
public final class DocumentReducer {
  private final LlmCaller caller;
  private final LlmSettings llm;
  private final SummarySettings summary;
  private final ReduceCache cache;

  public DocumentReducer(LlmCaller caller, LlmSettings llm, SummarySettings summary) {
    this(caller, llm, summary, ReduceCache.NONE);
  }

  private DocumentReducer(
      LlmCaller caller, LlmSettings llm, SummarySettings summary, ReduceCache cache) {
    this.caller = caller;
    this.llm = llm;
    this.summary = summary;
    this.cache = cache;
  }

  /** This reducer, serving the answers the cache holds instead of calling for them. */
  public DocumentReducer withCache(ReduceCache cache) {
    return new DocumentReducer(caller, llm, summary, cache);
  }

  public DocumentSummary reduce(
      String docId, String documentName, List<ChunkOutcome> chunks, JobContext job) {
    List<ChunkOutcome> ordered =
        chunks.stream().sorted(Comparator.comparingInt(c -> c.chunk().ordinal())).toList();
    long unresolved = ordered.stream().filter(c -> !c.resolved()).count();
    if (ordered.isEmpty() || unresolved > 0) {
      return new DocumentSummary(
          docId,
          null,
          List.of(),
          unresolved + " of " + ordered.size() + " chunks unresolved",
          List.of());
    }
    TreeSet<String> models =
        ordered.stream().map(ChunkOutcome::model).collect(Collectors.toCollection(TreeSet::new));
    if (ordered.size() == 1) {
      return new DocumentSummary(
          docId, ordered.get(0).summary(), List.copyOf(models), "single chunk", List.of());
    }
    Prompt prompt = Prompt.DOCUMENT_REDUCE;
    String partials =
        ordered.stream().map(ChunkOutcome::summary).collect(Collectors.joining("\n\n"));
    String tier = llm.cheapest().name();
    String input = prompt.user(documentName, partials);
    models.add(llm.tier(tier).model());
    Optional<String> cached = cache.find(job, llm.tier(tier), input);
    if (cached.isPresent()) {
      return new DocumentSummary(
          docId,
          cached.get(),
          List.copyOf(models),
          "reduce answer from the cache",
          List.of(),
          input,
          true);
    }
    LlmCaller.Result result =
        caller.call(tier, prompt, prompt.system(summary.documentWords()), input, job, docId, null);
    if (result.answer().isEmpty()) {
      return new DocumentSummary(
          docId, null, List.of(), result.failure(), result.calls(), input, false);
    }
    return new DocumentSummary(
        docId,
        result.answer().get().text().strip(),
        List.copyOf(models),
        "reduced " + ordered.size() + " chunk summaries",
        result.calls(),
        input,
        false);
  }
}
