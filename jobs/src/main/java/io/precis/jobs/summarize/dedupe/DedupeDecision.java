package io.precis.jobs.summarize.dedupe;

import java.io.Serializable;
import java.util.Objects;

/**
 * What the dedupe decided for one chunk: a representative (summarized), or a duplicate of a
 * representative that was verified similar to it directly.
 *
 * @param duplicateOf the representative's chunk id; null for a representative
 * @param stage the test that made it a duplicate; null for a representative
 * @param similarity 1 for an exact duplicate, the estimated Jaccard similarity for a near one, the
 *     cosine for a semantic one; 0 for a representative
 * @param vector the chunk's embedding when the semantic stage had it (every chunk that survived the
 *     exact and near stages, and any that was given one); null otherwise
 */
public record DedupeDecision(
    String chunkId, String duplicateOf, DedupeStage stage, double similarity, float[] vector)
    implements Serializable {
  public DedupeDecision {
    Objects.requireNonNull(chunkId, "chunkId is null");
    if ((duplicateOf == null) != (stage == null)) {
      throw new IllegalArgumentException("a duplicate needs both duplicateOf and stage");
    }
  }

  public static DedupeDecision representative(String chunkId, float[] vector) {
    return new DedupeDecision(chunkId, null, null, 0, vector);
  }

  public boolean duplicate() {
    return duplicateOf != null;
  }
}
