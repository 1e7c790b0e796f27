package io.precis.summarize;

import io.precis.core.config.PrecisSettings;
import io.precis.core.config.TierSettings;
import io.precis.core.cost.TokenUsage;
import io.precis.core.errors.PrecisException;
import io.precis.core.model.Chunk;
import io.precis.core.model.JobContext;
import io.precis.core.model.LlmCallRecord;
import io.precis.core.model.Resolution;
import io.precis.routing.BucketRoutingPolicy;
import io.precis.routing.Route;
import io.precis.routing.RoutingPolicy;
import io.precis.summarize.client.ChatRequest;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * What a run would call and pay, without calling anything: each chunk routed as the run would route
 * it, its prompt counted, its answer assumed as long as the summary asks for (or as the passage, if
 * shorter); each document of several chunks reduced on the cheapest tier by the calls of its {@link
 * ReducePlan}, planned over the estimated chunk answers exactly as the run plans over the real ones
 * (so as many calls as the run makes for answers of the estimated length: the plan's bound; none
 * when the plan needs more than {@code summary.max-reduce-calls}). The calls come out as ledger
 * records priced like real ones, so a job's estimate and its actual costs add up the same way.
 *
 * <p>Text is counted in the tier model's tokens: with {@code chunking.encoding} (exact for OpenAI
 * models), or, where the tier sets {@code chars-per-token}, as characters over that ratio. Each of
 * the two messages adds {@value #TOKENS_PER_MESSAGE} tokens of chat template. An answer of N words
 * is taken to cost what N words of its source cost (so figures and long words count as they do in
 * the passage), at most the tier's {@code max-output-tokens}.
 */
public final class CostEstimator implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int TOKENS_PER_MESSAGE = 4;

  /** A chunk's estimated call, the resolution it would get and the words of its answer. */
  public record ChunkEstimate(Resolution resolution, LlmCallRecord call, int answerWords)
      implements Serializable {}

  /** A document's estimated calls. */
  public record DocumentEstimate(List<ChunkEstimate> chunks, List<LlmCallRecord> reduce)
      implements Serializable {}

  private final PrecisSettings settings;
  private final JobContext job;
  private final Instant at;

  public CostEstimator(PrecisSettings settings, JobContext job, Instant at) {
    this.settings = settings;
    this.job = job;
    this.at = at;
  }

  /** The calls a run would make for the document's chunks, and for its summary. */
  public DocumentEstimate estimate(
      String documentName, List<Chunk> chunks, ToIntFunction<String> tokens) {
    RoutingPolicy routing = BucketRoutingPolicy.from(settings);
    var summary = settings.summary();
    List<ChunkEstimate> estimates = new ArrayList<>();
    for (Chunk chunk : chunks) {
      estimates.add(estimateChunk(routing, documentName, chunk, tokens));
    }
    if (chunks.size() < 2) {
      return new DocumentEstimate(estimates, List.of());
    }
    TierSettings cheapest = settings.llm().cheapest();
    ToIntFunction<String> count = count(cheapest, tokens);
    ReducePlan.requireFanIn(cheapest, summary, count);
    // The partial summaries are not written yet: each is counted as its estimated answer.
    List<Integer> answers = new ArrayList<>();
    for (ChunkEstimate estimate : estimates) {
      answers.add((int) Math.min(Integer.MAX_VALUE, estimate.call().usage().outputTokens()));
    }
    ReducePlan plan;
    try {
      plan = ReducePlan.forDocument(documentName, answers, cheapest, summary, count);
    } catch (PrecisException e) {
      return new DocumentEstimate(estimates, List.of()); // as in the run: no summary, no call
    }
    if (plan.maxCalls() > summary.maxReduceCalls()) {
      return new DocumentEstimate(estimates, List.of()); // as in the run: no summary, no call
    }
    return new DocumentEstimate(estimates, reduceCalls(documentName, plan, estimates, count));
  }

  /**
   * The plan's calls, each reading its items (chunk answers on the first level, the answers of the
   * level below above it) and one separator token per join, and answering {@code
   * min(document-words, words read)} words at the tokens per word of what it read.
   */
  private List<LlmCallRecord> reduceCalls(
      String documentName,
      ReducePlan plan,
      List<ChunkEstimate> estimates,
      ToIntFunction<String> count) {
    TierSettings cheapest = settings.llm().cheapest();
    int documentWords = settings.summary().documentWords();
    Prompt prompt = Prompt.DOCUMENT_REDUCE;
    String docId = estimates.get(0).call().docId();
    List<long[]> items = new ArrayList<>(); // {tokens, words} of each item of the level
    for (int i = 0; i < estimates.size(); i++) {
      items.add(new long[] {plan.tokens().get(i), estimates.get(i).answerWords()});
    }
    List<LlmCallRecord> calls = new ArrayList<>();
    for (List<ReducePlan.Node> level : plan.levels()) {
      List<long[]> next = new ArrayList<>();
      for (ReducePlan.Node node : level) {
        if (!node.call()) {
          next.add(items.get(node.from()));
          continue;
        }
        long read = 0;
        long words = 0;
        for (long[] item : items.subList(node.from(), node.to())) {
          read += item[0];
          words += item[1];
        }
        int answerWords = (int) Math.min(documentWords, words);
        long answer = answerTokens(answerWords, read, (int) words, cheapest);
        calls.add(
            call(
                cheapest,
                prompt,
                prompt.system(documentWords),
                prompt.user(documentName, ""),
                read + (long) (node.size() - 1) * ReducePlan.SEPARATOR_TOKENS,
                answer,
                count,
                docId,
                null));
        next.add(new long[] {answer, answerWords});
      }
      items = next;
    }
    return calls;
  }

  /** The call a run would make for one chunk. */
  public ChunkEstimate estimateChunk(
      String documentName, Chunk chunk, ToIntFunction<String> tokens) {
    return estimateChunk(BucketRoutingPolicy.from(settings), documentName, chunk, tokens);
  }

  /**
   * What the chunk's call would cost on the baseline tier: the price of a call that the cache or
   * dedupe made unnecessary, in the all-premium baseline.
   */
  public java.math.BigDecimal onBaseline(
      String documentName, Chunk chunk, ToIntFunction<String> tokens) {
    String baseline = settings.llm().baseline().name();
    RoutingPolicy everythingOnBaseline = (c, f, e) -> new Route(baseline, "baseline", "baseline");
    return estimateChunk(everythingOnBaseline, documentName, chunk, tokens).call().costUsd();
  }

  private ChunkEstimate estimateChunk(
      RoutingPolicy routing, String documentName, Chunk chunk, ToIntFunction<String> tokens) {
    Route route = routing.route(chunk, job.feature(), null);
    TierSettings tier = settings.llm().tier(route.tier());
    Prompt prompt = Prompt.CHUNK_SUMMARY;
    ToIntFunction<String> count = count(tier, tokens);
    int sourceWords = words(chunk.text());
    int words = Math.min(settings.summary().chunkWords(), sourceWords);
    LlmCallRecord call =
        call(
            tier,
            prompt,
            prompt.system(settings.summary().chunkWords()),
            prompt.user(documentName, chunk.text()),
            0,
            answerTokens(words, count.applyAsInt(chunk.text()), sourceWords, tier),
            count,
            chunk.docId(),
            chunk.chunkId());
    Resolution resolution =
        tier.name().equals(settings.llm().mostCapable().name())
            ? Resolution.PREMIUM
            : Resolution.CHEAP;
    return new ChunkEstimate(resolution, call, words);
  }

  private static int words(String text) {
    String stripped = text.strip();
    return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
  }

  private LlmCallRecord call(
      TierSettings tier,
      Prompt prompt,
      String system,
      String user,
      long extraInputTokens,
      long outputTokens,
      ToIntFunction<String> tokens,
      String docId,
      String chunkId) {
    ChatRequest request =
        new ChatRequest(tier.model(), system, user, tier.maxOutputTokens(), tier.temperature());
    long input =
        tokens.applyAsInt(system)
            + tokens.applyAsInt(user)
            + extraInputTokens
            + 2L * TOKENS_PER_MESSAGE;
    TokenUsage usage = new TokenUsage(input, outputTokens, 0);
    var day = at.atZone(java.time.ZoneOffset.UTC).toLocalDate();
    var cost = settings.prices().require(tier.modelKey(), tier.name(), day).cost(usage, false);
    return LlmCaller.record(
        tier, prompt, request, job, docId, chunkId, usage, 0, cost, null, 1, at);
  }

  /** Tokens of {@code words} words of a source that has {@code sourceTokens} in its words. */
  private static long answerTokens(
      int words, long sourceTokens, int sourceWords, TierSettings tier) {
    if (words == 0 || sourceWords == 0) {
      return 0;
    }
    long tokens = (long) Math.ceil((double) sourceTokens * words / sourceWords);
    return Math.min(tier.maxOutputTokens(), tokens);
  }

  /** Counts text in the tier model's tokens. */
  private static ToIntFunction<String> count(TierSettings tier, ToIntFunction<String> tokens) {
    return TokenCounts.forTier(tier, tokens);
  }
}
