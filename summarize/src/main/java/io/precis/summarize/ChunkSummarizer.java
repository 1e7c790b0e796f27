package io.precis.summarize;

import io.precis.core.config.LlmSettings;
import io.precis.core.config.SummarySettings;
import io.precis.core.model.Chunk;
import io.precis.core.model.ErrorCode;
import io.precis.core.model.JobContext;
import io.precis.core.model.LlmCallRecord;
import io.precis.core.model.Resolution;
import io.precis.routing.Route;
import io.precis.routing.RoutingPolicy;
import io.precis.summarize.check.CheckOutcome;
import io.precis.summarize.check.ResolutionChecks;
import io.precis.summarize.check.SourceText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Summarizes one chunk by the cheap-first cascade: the chunk's route names the tiers it may use,
 * cheapest first. Each tier's answer must pass the resolution checks before it counts; an answer
 * that fails one goes on to the next tier, and so does a call refused by the tier's open circuit
 * breaker. A call that fails otherwise (after its retries) or that the budget refuses stops there.
 * The last tier's answer is taken as it is: there is nothing to escalate to. Every call is kept,
 * with the check its answer failed, and the chunk's reason says how it got where it did. When no
 * tier answers, the chunk is UNRESOLVED with the reason, to be retried by a later run; it is never
 * dropped.
 */
public final class ChunkSummarizer {
  private final RoutingPolicy routing;
  private final LlmCaller caller;
  private final LlmSettings llm;
  private final SummarySettings summary;
  private final ResolutionChecks checks;

  /** A summarizer that checks no answer. */
  public ChunkSummarizer(
      RoutingPolicy routing, LlmCaller caller, LlmSettings llm, SummarySettings summary) {
    this(routing, caller, llm, summary, null);
  }

  /**
   * @param checks what an answer must pass before it counts, or null to take every answer
   */
  public ChunkSummarizer(
      RoutingPolicy routing,
      LlmCaller caller,
      LlmSettings llm,
      SummarySettings summary,
      ResolutionChecks checks) {
    this.routing = Objects.requireNonNull(routing, "routing is null");
    this.caller = Objects.requireNonNull(caller, "caller is null");
    this.llm = Objects.requireNonNull(llm, "llm is null");
    this.summary = Objects.requireNonNull(summary, "summary is null");
    this.checks = checks != null && checks.settings().enabled() ? checks : null;
  }

  public ChunkOutcome summarize(Chunk chunk, String documentName, JobContext job) {
    return summarize(chunk, documentName, job, null);
  }

  /**
   * @param vector the chunk's embedding when the job has it (the faithfulness check uses it instead
   *     of embedding the chunk again), or null
   */
  public ChunkOutcome summarize(Chunk chunk, String documentName, JobContext job, float[] vector) {
    // Routed on the text alone, as the estimate and the cache scope route it, so that all three
    // agree on the chunk's tiers.
    Route route = routing.route(chunk, job.feature(), null);
    Prompt prompt = checks == null ? Prompt.CHUNK_SUMMARY : Prompt.forChunks(checks.settings());
    String system = prompt.system(summary.chunkWords());
    String user = prompt.user(documentName, chunk.text());
    SourceText source = null;
    List<LlmCallRecord> calls = new ArrayList<>();
    List<String> passedOver = new ArrayList<>();
    String tier = route.tier();
    String failure = null;
    List<String> tiers = route.tiers();
    for (int i = 0; i < tiers.size(); i++) {
      tier = tiers.get(i);
      LlmCaller.Result result =
          caller.call(tier, prompt, system, user, job, chunk.docId(), chunk.chunkId());
      if (result.answer().isEmpty()) {
        calls.addAll(result.calls());
        failure = result.failure();
        if (result.record() == null
            || result.record().errorCode() != ErrorCode.PROVIDER_CIRCUIT_OPEN) {
          // The budget refused, or the call failed after its retries: the chunk waits for a later
          // run rather than paying a dearer tier for an outage that may pass.
          break;
        }
        // The tier's breaker is open: its provider is known to be down for now.
        passedOver.add(tier + " failed (" + result.record().errorCode() + ")");
        continue;
      }
      String answer = result.answer().get().text().strip();
      boolean last = i == tiers.size() - 1;
      if (checks != null && !last) {
        if (source == null) {
          source = SourceText.of(chunk.text(), documentName);
          if (vector != null) {
            source = source.withVector(vector);
          }
        }
        CheckOutcome check = checks.check(source, answer, summary.chunkWords());
        if (!check.passed()) {
          calls.add(result.record().withCheckFailed(check.detail()));
          failure = tier + " answer failed " + check.detail();
          passedOver.add(failure);
          continue;
        }
        answer = check.summary();
      } else if (prompt == Prompt.CHUNK_SUMMARY_WITH_CONFIDENCE) {
        answer = ResolutionChecks.withoutConfidence(answer);
      }
      calls.addAll(result.calls());
      Resolution resolution =
          tier.equals(llm.mostCapable().name()) ? Resolution.PREMIUM : Resolution.CHEAP;
      return new ChunkOutcome(
          chunk,
          resolution,
          route.bucket(),
          tier,
          llm.tier(tier).model(),
          answer,
          reason(route.reason(), passedOver),
          calls);
    }
    return new ChunkOutcome(
        chunk,
        Resolution.UNRESOLVED,
        route.bucket(),
        tier,
        llm.tier(tier).model(),
        null,
        passedOver.isEmpty() || failure.startsWith(tier + " answer failed")
            ? failure
            : failure + " (after: " + String.join("; ", passedOver) + ")",
        calls);
  }

  private static String reason(String routed, List<String> passedOver) {
    return passedOver.isEmpty()
        ? routed
        : routed + "; escalated past " + String.join("; ", passedOver);
  }
}
