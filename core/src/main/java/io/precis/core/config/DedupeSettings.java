package io.precis.core.config;

import io.precis.core.errors.Errors;
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
 * @param nearBands LSH bands the MinHash signature is cut into; chunks sharing a band are compared
 * @param semanticTables LSH tables of random hyperplanes; chunks sharing a key in one are compared
 * @param semanticBits hyperplanes (sign bits) per table
 * @param bucketLimit in an LSH bucket of more than {@code 2 * bucketLimit + 1} chunks, each is
 *     compared only with the first {@code bucketLimit} (by chunk id) and its {@code bucketLimit}
 *     predecessors, so that one huge bucket cannot cost quadratic work
 */
public record DedupeSettings(
    boolean enabled,
    double nearThreshold,
    boolean semantic,
    double semanticThreshold,
    int nearBands,
    int semanticTables,
    int semanticBits,
    int bucketLimit)
    implements Serializable {
  public DedupeSettings {
    if (nearBands < 1 || semanticTables < 1 || bucketLimit < 1) {
      throw new IllegalArgumentException("nearBands, semanticTables and bucketLimit must be >= 1");
    }
    if (semanticBits < 1 || semanticBits > 31) {
      throw new IllegalArgumentException("semanticBits must be between 1 and 31");
    }
  }

  static DedupeSettings from(ConfigReader reader) {
    int semanticBits = reader.intAtLeast("semantic-bits", 1, "12");
    if (semanticBits > 31) {
      throw Errors.invalidConfigValue(
          reader.key("semantic-bits"), semanticBits, "at most 31", "12");
    }
    return new DedupeSettings(
        reader.bool("enabled"),
        reader.doubleBetween("near-threshold", 0.5, 1.0, "0.8"),
        reader.bool("semantic"),
        reader.doubleBetween("semantic-threshold", 0.5, 1.0, "0.95"),
        reader.intAtLeast("near-bands", 1, "16"),
        reader.intAtLeast("semantic-tables", 1, "16"),
        semanticBits,
        reader.intAtLeast("bucket-limit", 1, "100"));
  }
}
