package io.precis.core.model;

import io.precis.core.util.Hashes;
import java.io.Serializable;
import java.util.Objects;

/**
 * A piece of a document sized to the token budget. Its id is a content hash: the same document text
 * gives the same chunk ids in every run. Its MinHash signature serves near-duplicate detection.
 */
public record Chunk(
    String chunkId,
    String docId,
    int ordinal,
    String text,
    int tokens,
    String textHash,
    MinHash minHash)
    implements Serializable {
  public Chunk {
    Objects.requireNonNull(chunkId, "chunkId is null");
    Objects.requireNonNull(docId, "docId is null");
    Objects.requireNonNull(text, "text is null");
    Objects.requireNonNull(textHash, "textHash is null");
    Objects.requireNonNull(minHash, "minHash is null");
    if (ordinal < 0 || tokens < 0) {
      throw new IllegalArgumentException("ordinal and tokens must be >= 0");
    }
  }

  /** A chunk of the document at the position, with ids derived from its content. */
  public static Chunk of(String docId, int ordinal, String text, int tokens, MinHash minHash) {
    String textHash = textHash(text);
    String chunkId = Hashes.sha256Prefix(32, "chunk", docId, Integer.toString(ordinal), textHash);
    return new Chunk(chunkId, docId, ordinal, text, tokens, textHash, minHash);
  }

  /** A chunk without a MinHash signature. */
  public static Chunk of(String docId, int ordinal, String text, int tokens) {
    return of(docId, ordinal, text, tokens, MinHash.EMPTY);
  }

  /** Hash of the text with whitespace collapsed and case folded: equal for exact duplicates. */
  public static String textHash(String text) {
    String normalized = text.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
    return Hashes.sha256Prefix(32, normalized);
  }
}
