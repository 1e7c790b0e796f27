package io.precis.core.config;

import java.io.Serializable;

/** Target lengths of chunk and document summaries, in words. */
public record SummarySettings(int chunkWords, int documentWords) implements Serializable {
  static SummarySettings from(ConfigReader reader) {
    return new SummarySettings(
        reader.intAtLeast("chunk-words", 5, "60"), reader.intAtLeast("document-words", 10, "150"));
  }
}
