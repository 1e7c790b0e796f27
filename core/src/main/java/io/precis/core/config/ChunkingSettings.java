package io.precis.core.config;

import io.precis.core.errors.Errors;
import java.io.Serializable;
import java.util.Objects;

/**
 * How documents are cut into chunks: the token budget, the overlap, the tokenizer, and the shape of
 * each chunk's MinHash signature.
 */
public record ChunkingSettings(
    int maxTokens, int overlapTokens, String encoding, int minhashHashes, int minhashShingleWords)
    implements Serializable {
  public ChunkingSettings {
    Objects.requireNonNull(encoding, "encoding is null");
  }

  static ChunkingSettings from(ConfigReader reader) {
    int maxTokens = reader.intAtLeast("max-tokens", 16, "512");
    int overlapTokens = reader.intAtLeast("overlap-tokens", 0, "32");
    if (overlapTokens >= maxTokens / 2) {
      throw Errors.invalidConfigValue(
          reader.key("overlap-tokens"),
          overlapTokens,
          "less than half of chunking.max-tokens (" + maxTokens + ")",
          String.valueOf(maxTokens / 8));
    }
    return new ChunkingSettings(
        maxTokens,
        overlapTokens,
        reader.nonEmptyString("encoding", "\"o200k_base\""),
        reader.intAtLeast("minhash-hashes", 1, "64"),
        reader.intAtLeast("minhash-shingle-words", 1, "5"));
  }
}
