package io.precis.core.config;

import java.io.Serializable;

/**
 * In-run dedupe ({@code dedupe}): among the chunks of one job, exact duplicates (equal normalized
 * text), then near duplicates (MinHash), then semantic duplicates (cosine of embeddings) resolve as
 * DUPLICATE of one representative.
 *
 * @param enabled whether chunks are deduplicated at all
 * @param nearThreshold least estimated Jaccard similarity of two chunks' shingles for a near
 *     duplicate
 * @param semantic whether the semantic stage runs (it embeds every chunk the first two left)
 * @param semanticThreshold least cosine of two chunks' embeddings for a semantic duplicate
 */
public record DedupeSettings(
    boolean enabled, double nearThreshold, boolean semantic, double semanticThreshold)
    implements Serializable {

  static DedupeSettings from(ConfigReader reader) {
    return new DedupeSettings(
        reader.bool("enabled"),
        reader.doubleBetween("near-threshold", 0.5, 1.0, "0.8"),
        reader.bool("semantic"),
        reader.doubleBetween("semantic-threshold", 0.5, 1.0, "0.95"));
  }
}
