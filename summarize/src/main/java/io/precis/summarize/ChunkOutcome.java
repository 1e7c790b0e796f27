package io.precis.summarize;

import io.precis.core.model.Chunk;
import io.precis.core.model.LlmCallRecord;
import io.precis.core.model.Resolution;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * How one chunk was resolved, with the calls it took.
 *
 * @param tier the tier that answered (or was last tried), null when no tier was tried
 * @param summary null unless the chunk was resolved
 * @param reason why it went where it went, or why it is unresolved
 * @param duplicateOf the chunk whose summary a DUPLICATE (or a chunk left unresolved with it) took
 * @param cacheEntryId the cache entry a CACHE_HIT was served from
 */
public record ChunkOutcome(
    Chunk chunk,
    Resolution resolution,
    String bucket,
    String tier,
    String model,
    String summary,
    String reason,
    List<LlmCallRecord> calls,
    String duplicateOf,
    String cacheEntryId)
    implements Serializable {
  public ChunkOutcome {
    Objects.requireNonNull(chunk, "chunk is null");
    Objects.requireNonNull(resolution, "resolution is null");
    Objects.requireNonNull(reason, "reason is null");
    calls = List.copyOf(calls);
  }

  /** The outcome of the chunk's own calls. */
  public ChunkOutcome(
      Chunk chunk,
      Resolution resolution,
      String bucket,
      String tier,
      String model,
      String summary,
      String reason,
      List<LlmCallRecord> calls) {
    this(chunk, resolution, bucket, tier, model, summary, reason, calls, null, null);
  }

  /** A chunk served from the cache entry: no call. */
  public static ChunkOutcome cacheHit(
      Chunk chunk, String bucket, String model, String summary, String entryId, String reason) {
    return new ChunkOutcome(
        chunk,
        Resolution.CACHE_HIT,
        bucket,
        null,
        model,
        summary,
        reason,
        List.of(),
        null,
        entryId);
  }

  /**
   * What this outcome gives a duplicate of its chunk: its summary, as DUPLICATE, with no call of
   * its own; or, when this chunk is unresolved, UNRESOLVED with its reason, so that a later run
   * tries both again.
   */
  public ChunkOutcome givenTo(Chunk duplicate, String reason) {
    if (!resolved()) {
      return new ChunkOutcome(
          duplicate,
          Resolution.UNRESOLVED,
          bucket,
          tier,
          model,
          null,
          this.reason + " (on its representative " + chunk.chunkId() + ")",
          List.of(),
          chunk.chunkId(),
          null);
    }
    return new ChunkOutcome(
        duplicate,
        Resolution.DUPLICATE,
        bucket,
        tier,
        model,
        summary,
        reason,
        List.of(),
        chunk.chunkId(),
        null);
  }

  public boolean resolved() {
    return summary != null;
  }
}
