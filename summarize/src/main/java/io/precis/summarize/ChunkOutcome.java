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
 */
public record ChunkOutcome(
    Chunk chunk,
    Resolution resolution,
    String bucket,
    String tier,
    String model,
    String summary,
    String reason,
    List<LlmCallRecord> calls)
    implements Serializable {
  public ChunkOutcome {
    Objects.requireNonNull(chunk, "chunk is null");
    Objects.requireNonNull(resolution, "resolution is null");
    Objects.requireNonNull(reason, "reason is null");
    calls = List.copyOf(calls);
  }

  public boolean resolved() {
    return summary != null;
  }
}
