package io.precis.routing.cache;

import io.precis.routing.cache.guard.GuardFeatures;
import io.precis.routing.cache.guard.HitGuards;
import io.precis.routing.index.IndexSnapshot;
import io.precis.routing.index.IndexedEntry;
import java.util.Optional;

/**
 * Lookups in one index snapshot, always inside a scope: an entry whose text equals the chunk's
 * (same normalized-text hash), or else the nearest entries whose cosine reaches the threshold and
 * that no guard vetoes (numbers, dates, names, negation or length differ). Expired entries are
 * never served.
 */
public final class SemanticCache {
  /** Nearest entries looked at per semantic lookup: the first one no guard vetoes wins. */
  static final int CANDIDATES = 5;

  private final IndexSnapshot snapshot;
  private final double threshold;
  private final boolean vectors;

  /**
   * @param embedderId the embedder of the vectors looked up with; when the snapshot was built with
   *     another, only exact lookups are made
   */
  public SemanticCache(IndexSnapshot snapshot, double threshold, String embedderId) {
    this.snapshot = snapshot;
    this.threshold = threshold;
    this.vectors = snapshot.embedderId().equals(embedderId) && snapshot.dimensions() > 0;
  }

  /** A served entry, how similar it was, and whether its text was equal. */
  public record Hit(IndexedEntry entry, double similarity, boolean exact) {}

  /** Whether semantic lookups can be made (the snapshot holds vectors of the same embedder). */
  public boolean semantic() {
    return vectors;
  }

  public Optional<Hit> exact(CacheScope scope, String textHash, long nowMillis) {
    return snapshot.exact(scope.key(), textHash, nowMillis).map(e -> new Hit(e, 1.0, true));
  }

  /**
   * The nearest entry in scope at or above the threshold that no guard vetoes.
   *
   * @param features what the guards compare of the chunk's text
   */
  public Optional<Hit> similar(
      CacheScope scope, float[] vector, GuardFeatures features, long nowMillis) {
    if (!vectors) {
      return Optional.empty();
    }
    for (IndexSnapshot.Match match : snapshot.nearest(scope.key(), vector, CANDIDATES, nowMillis)) {
      if (match.cosine() < threshold) {
        break;
      }
      GuardFeatures entry = GuardFeatures.decode(match.entry().guardFeatures());
      if (HitGuards.veto(features, entry).isEmpty()) {
        return Optional.of(new Hit(match.entry(), match.cosine(), false));
      }
    }
    return Optional.empty();
  }
}
