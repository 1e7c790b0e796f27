package io.precis.summarize;

import io.precis.core.config.LlmSettings;
import io.precis.core.config.SummarySettings;
import io.precis.core.config.TierSettings;
import io.precis.core.errors.PrecisException;
import io.precis.core.model.JobContext;
import io.precis.core.model.LlmCallRecord;
import io.precis.summarize.DocumentSummary.ReduceAnswer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Combines a document's chunk summaries into its summary on the cheapest tier, by a bounded
 * map-reduce: the {@link ReducePlan} of the summaries is made before the first call, and its calls
 * are made level by level, in order. A document whose plan needs more than {@code
 * summary.max-reduce-calls} calls gets no summary and no call. A one-chunk document needs no call:
 * its chunk summary is the document summary. A document with an unresolved chunk gets no summary
 * until a later run resolves it; one whose reduce call fails gets none either, and keeps the calls
 * made until then.
 */
public final class DocumentReducer {
  private final LlmCaller caller;
  private final LlmSettings llm;
  private final SummarySettings summary;
  private final ToIntFunction<String> tokens;
  private final ReduceCache cache;

  /**
   * @param tokens counts text in the cheapest tier's tokens, as estimates do ({@link
   *     TokenCounts#forTier})
   * @throws io.precis.core.errors.PrecisException when a reduce call of {@code
   *     summary.reduce-input-tokens} cannot hold two answers of the cheapest tier
   */
  public DocumentReducer(
      LlmCaller caller, LlmSettings llm, SummarySettings summary, ToIntFunction<String> tokens) {
    this(caller, llm, summary, tokens, ReduceCache.NONE);
    ReducePlan.requireFanIn(llm.cheapest(), summary, tokens);
  }

  private DocumentReducer(
      LlmCaller caller,
      LlmSettings llm,
      SummarySettings summary,
      ToIntFunction<String> tokens,
      ReduceCache cache) {
    this.caller = caller;
    this.llm = llm;
    this.summary = summary;
    this.tokens = tokens;
    this.cache = cache;
  }

  /** This reducer, serving the answers the cache holds instead of calling for them. */
  public DocumentReducer withCache(ReduceCache cache) {
    return new DocumentReducer(caller, llm, summary, tokens, cache);
  }

  /**
   * The plan the reducer follows for chunk summaries of these texts, in order.
   *
   * @throws io.precis.core.errors.PrecisException when the document's name leaves no room for two
   *     answers in a call
   */
  public ReducePlan plan(String documentName, List<String> summaries) {
    return ReducePlan.forDocument(
        documentName,
        summaries.stream().map(tokens::applyAsInt).toList(),
        llm.cheapest(),
        summary,
        tokens);
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
    List<String> summaries = ordered.stream().map(ChunkOutcome::summary).toList();
    ReducePlan plan;
    try {
      plan = plan(documentName, summaries);
    } catch (PrecisException e) {
      return new DocumentSummary(docId, null, List.of(), e.getMessage(), List.of());
    }
    if (plan.maxCalls() > summary.maxReduceCalls()) {
      return new DocumentSummary(
          docId,
          null,
          List.of(),
          overCap(plan),
          List.of(),
          null,
          false,
          plan.maxCalls(),
          List.of());
    }
    return run(docId, documentName, plan, summaries, models, job);
  }

  private String overCap(ReducePlan plan) {
    return "the reduce of "
        + plan.summaries()
        + " chunk summaries needs up to "
        + plan.maxCalls()
        + " calls, more than "
        + SummarySettings.MAX_REDUCE_CALLS_KEY
        + " = "
        + summary.maxReduceCalls()
        + "; no call was made. Raise "
        + SummarySettings.MAX_REDUCE_CALLS_KEY
        + " or "
        + SummarySettings.REDUCE_INPUT_TOKENS_KEY
        + " (each call reads up to "
        + summary.reduceInputTokens()
        + " tokens, "
        + plan.fanIn()
        + " answers), or raise chunking.max-tokens so that the document has fewer chunks";
  }

  /** Makes the plan's calls level by level; each level's items in order. */
  private DocumentSummary run(
      String docId,
      String documentName,
      ReducePlan plan,
      List<String> summaries,
      TreeSet<String> models,
      JobContext job) {
    Prompt prompt = Prompt.DOCUMENT_REDUCE;
    String system = prompt.system(summary.documentWords());
    TierSettings tier = llm.cheapest();
    models.add(tier.model());
    List<String> items = new ArrayList<>(summaries.size());
    for (String text : summaries) {
      items.add(ReducePlan.cut(text, plan.summaryLimit(), tokens));
    }
    List<LlmCallRecord> calls = new ArrayList<>();
    List<ReduceAnswer> answers = new ArrayList<>();
    int node = 0;
    for (List<ReducePlan.Node> level : plan.levels()) {
      List<String> next = new ArrayList<>(level.size());
      for (ReducePlan.Node group : level) {
        if (!group.call()) {
          next.add(items.get(group.from()));
          continue;
        }
        node++;
        String input =
            prompt.user(
                documentName,
                String.join(ReducePlan.SEPARATOR, items.subList(group.from(), group.to())));
        Optional<String> cached = cache.find(job, tier, input);
        if (cached.isPresent()) {
          answers.add(new ReduceAnswer(input, cached.get(), true));
          next.add(cached.get());
          continue;
        }
        LlmCaller.Result result = caller.call(tier.name(), prompt, system, input, job, docId, null);
        calls.addAll(result.calls());
        if (result.answer().isEmpty()) {
          return new DocumentSummary(
              docId,
              null,
              List.of(),
              "reduce call " + node + " of " + plan.maxCalls() + " failed: " + result.failure(),
              calls,
              input,
              false,
              plan.maxCalls(),
              answers);
        }
        String answer = result.answer().get().text().strip();
        answers.add(new ReduceAnswer(input, answer, false));
        next.add(answer);
      }
      items = next;
    }
    ReduceAnswer root = answers.get(answers.size() - 1);
    return new DocumentSummary(
        docId,
        items.get(0),
        List.copyOf(models),
        reason(plan, answers),
        calls,
        root.input(),
        root.cached(),
        plan.maxCalls(),
        answers);
  }

  private static String reason(ReducePlan plan, List<ReduceAnswer> answers) {
    long fromCache = answers.stream().filter(ReduceAnswer::cached).count();
    if (plan.maxCalls() == 1 && fromCache == 1) {
      return "reduce answer from the cache";
    }
    StringBuilder reason =
        new StringBuilder("reduced ").append(plan.summaries()).append(" chunk summaries");
    if (plan.maxCalls() > 1) {
      reason
          .append(" in ")
          .append(plan.levels().size())
          .append(" levels of ")
          .append(plan.maxCalls())
          .append(" calls");
    }
    if (fromCache > 0) {
      reason.append(", ").append(fromCache).append(" answered from the cache");
    }
    if (plan.cutSummaries() > 0) {
      reason
          .append(", ")
          .append(plan.cutSummaries())
          .append(" cut to ")
          .append(plan.summaryLimit())
          .append(" tokens");
    }
    return reason.toString();
  }
}
