package io.precis.summarize;

import io.precis.core.config.LlmSettings;
import io.precis.core.config.SummarySettings;
import io.precis.core.model.Chunk;
import io.precis.core.model.JobContext;
import io.precis.core.model.Resolution;
import io.precis.routing.Route;
import io.precis.routing.RoutingPolicy;

/**
 * Summarizes one chunk on the tier its route names. A call that fails leaves the chunk UNRESOLVED
 * with the reason, to be retried by a later run; it is never dropped.
 */
public final class ChunkSummarizer {
  private final RoutingPolicy routing;
  private final LlmCaller caller;
  private final LlmSettings llm;
  private final SummarySettings summary;

  public ChunkSummarizer(
      RoutingPolicy routing, LlmCaller caller, LlmSettings llm, SummarySettings summary) {
    this.routing = routing;
    this.caller = caller;
    this.llm = llm;
    this.summary = summary;
  }

  public ChunkOutcome summarize(Chunk chunk, String documentName, JobContext job) {
    Route route = routing.route(chunk, job.feature(), null);
    Prompt prompt = Prompt.CHUNK_SUMMARY;
    LlmCaller.Result result =
        caller.call(
            route.tier(),
            prompt,
            prompt.system(summary.chunkWords()),
            prompt.user(documentName, chunk.text()),
            job,
            chunk.docId(),
            chunk.chunkId());
    String model = llm.tier(route.tier()).model();
    if (result.answer().isEmpty()) {
      return new ChunkOutcome(
          chunk,
          Resolution.UNRESOLVED,
          route.bucket(),
          route.tier(),
          model,
          null,
          result.failure(),
          result.calls());
    }
    Resolution resolution =
        route.tier().equals(llm.mostCapable().name()) ? Resolution.PREMIUM : Resolution.CHEAP;
    return new ChunkOutcome(
        chunk,
        resolution,
        route.bucket(),
        route.tier(),
        model,
        result.answer().get().text().strip(),
        route.reason(),
        result.calls());
  }
}
