package io.precis.jobs.summarize.dedupe;

/** The test that made a chunk a duplicate of its representative. */
public enum DedupeStage {
  /** Equal text once whitespace and case are folded. */
  EXACT,
  /** Estimated Jaccard similarity of word shingles (MinHash) at least {@code near-threshold}. */
  NEAR,
  /** Cosine of the embeddings at least {@code semantic-threshold}. */
  SEMANTIC
}
