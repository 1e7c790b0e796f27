package io.precis.routing.index;

import java.util.Objects;

/**
 * One cache entry as the index holds it: what a lookup needs to decide on a hit (scope, text hash,
 * vector, guard features, expiry) and what it serves (the summary).
 *
 * @param entryId the entry's id in {@code cache_entries}
 * @param scopeKey {@link io.precis.routing.cache.CacheScope#key()} of the scope it was written in
 * @param textHash the normalized-text hash of the chunk it summarizes
 * @param vector the chunk's unit-length embedding (not copied: do not change it), or null for an
 *     entry found by its text hash only (written without an embedding, or by another embedder);
 *     null too in what an exact lookup returns
 * @param summary the summary served on a hit
 * @param guardFeatures what the guards compare (negations, numbers, dates...), opaque here
 * @param expiresAtMillis epoch milliseconds from which the entry is never served
 */
public record IndexedEntry(
    String entryId,
    String scopeKey,
    String textHash,
    float[] vector,
    String summary,
    String guardFeatures,
    long expiresAtMillis) {
  public IndexedEntry {
    Objects.requireNonNull(entryId, "entryId is null");
    Objects.requireNonNull(scopeKey, "scopeKey is null");
    Objects.requireNonNull(textHash, "textHash is null");
    Objects.requireNonNull(summary, "summary is null");
    Objects.requireNonNull(guardFeatures, "guardFeatures is null");
  }

  /** Whether the entry may no longer be served at {@code nowMillis}. */
  public boolean expiredAt(long nowMillis) {
    return expiresAtMillis <= nowMillis;
  }
}
