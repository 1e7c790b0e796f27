package io.precis.routing.dedupe;

import java.io.Serializable;
import java.util.Objects;

/**
 * Two chunks whose similarity was verified to reach a stage's threshold, the smaller id first.
 *
 * @param smaller the smaller chunk id (the order key of {@link RepresentativeRule})
 * @param larger the larger chunk id
 * @param similarity estimated Jaccard similarity (near stage) or cosine (semantic stage)
 */
public record SimilarityEdge(String smaller, String larger, double similarity)
    implements Serializable {
  public SimilarityEdge {
    Objects.requireNonNull(smaller, "smaller is null");
    Objects.requireNonNull(larger, "larger is null");
    if (smaller.compareTo(larger) >= 0) {
      throw new IllegalArgumentException(
          "edge ids out of order or equal: " + smaller + " " + larger);
    }
  }

  /** The edge between two distinct ids, in either order. */
  public static SimilarityEdge of(String a, String b, double similarity) {
    return a.compareTo(b) < 0
        ? new SimilarityEdge(a, b, similarity)
        : new SimilarityEdge(b, a, similarity);
  }
}
