package io.precis.jobs.summarize.dedupe;

import java.io.Serializable;
import java.util.Objects;

/**
 * One chunk of a job as the dedupe sees it.
 *
 * @param chunkId unique within the job, and the order key: of two duplicates the smaller id is the
 *     representative, so the same input always gives the same representatives
 * @param scopeKey chunks of different scopes (tenants, collections) are never duplicates
 * @param textHash {@code Chunk.textHash}: equal for texts equal once whitespace and case are folded
 * @param minhash the MinHash signature of the text (empty: never a near duplicate)
 * @param text the text, for the pair veto and for embedding
 * @param vector the text's unit-length embedding when it is already known, or null to embed it here
 *     if the semantic stage needs it
 */
public record DedupeItem(
    String chunkId, String scopeKey, String textHash, int[] minhash, String text, float[] vector)
    implements Serializable {
  public DedupeItem {
    Objects.requireNonNull(chunkId, "chunkId is null");
    Objects.requireNonNull(scopeKey, "scopeKey is null");
    Objects.requireNonNull(textHash, "textHash is null");
    Objects.requireNonNull(text, "text is null");
    minhash = minhash == null ? new int[0] : minhash;
  }

  /** An item whose vector the semantic stage computes if it needs it. */
  public DedupeItem(String chunkId, String scopeKey, String textHash, int[] minhash, String text) {
    this(chunkId, scopeKey, textHash, minhash, text, null);
  }

  DedupeItem withVector(float[] embedding) {
    return new DedupeItem(chunkId, scopeKey, textHash, minhash, text, embedding);
  }
}
