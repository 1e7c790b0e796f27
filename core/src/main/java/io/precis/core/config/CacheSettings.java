package io.precis.core.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The semantic cache ({@code cache}): chunk summaries of earlier runs, served again inside their
 * scope when a new chunk's text equals an entry's, or its embedding is close enough and no guard
 * vetoes the hit.
 *
 * @param enabled whether runs look chunks up in the cache and add their new summaries to it
 * @param threshold least cosine of a chunk's and an entry's embeddings for a semantic hit
 * @param ttl how long a new entry may be served; fixed when it is written
 * @param indexPath where cache-warm publishes index snapshots; empty means under the warehouse
 */
public record CacheSettings(boolean enabled, double threshold, Duration ttl, String indexPath)
    implements Serializable {
  public CacheSettings {
    Objects.requireNonNull(ttl, "ttl is null");
    Objects.requireNonNull(indexPath, "indexPath is null");
  }

  static CacheSettings from(ConfigReader reader) {
    return new CacheSettings(
        reader.bool("enabled"),
        reader.doubleBetween("threshold", 0.5, 1.0, "0.95"),
        reader.positiveDuration("ttl", "30d"),
        reader.string("index-path"));
  }
}
