package io.precis.core.config;

import java.io.Serializable;

/**
 * Target lengths of chunk and document summaries, in words, and the bounds of a document's
 * map-reduce.
 *
 * @param reduceInputTokens the most tokens one reduce call may read (prompt and summaries), in the
 *     reduce tier's tokens as estimates count them
 * @param maxReduceCalls the most reduce calls one document may need; a document whose plan needs
 *     more gets no summary, before any call
 */
public record SummarySettings(
    int chunkWords, int documentWords, int reduceInputTokens, int maxReduceCalls)
    implements Serializable {
  /** The key of the reduce input budget, for error messages. */
  public static final String REDUCE_INPUT_TOKENS_KEY = "summary.reduce-input-tokens";

  /** The key of the cap on reduce calls per document, for error messages. */
  public static final String MAX_REDUCE_CALLS_KEY = "summary.max-reduce-calls";

  static SummarySettings from(ConfigReader reader) {
    return new SummarySettings(
        reader.intAtLeast("chunk-words", 5, "60"),
        reader.intAtLeast("document-words", 10, "150"),
        reader.intAtLeast("reduce-input-tokens", 100, "3000"),
        reader.intAtLeast("max-reduce-calls", 1, "64"));
  }
}
