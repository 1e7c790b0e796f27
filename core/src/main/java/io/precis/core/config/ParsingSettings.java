package io.precis.core.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How documents are parsed: limits, isolation in a separate JVM, and what happens to embedded
 * documents.
 *
 * @param isolated parse in a separate JVM per worker (parsing.isolation = "process")
 * @param includeEmbedded add embedded documents' text to their parent's (parsing.embedded)
 */
public record ParsingSettings(
    long maxCharacters,
    boolean isolated,
    Duration timeout,
    long workerHeapBytes,
    int documentsPerWorker,
    boolean includeEmbedded,
    int maxEmbedded,
    int maxEmbeddedDepth,
    long maxBytes)
    implements Serializable {
  public ParsingSettings {
    Objects.requireNonNull(timeout, "timeout is null");
  }

  static ParsingSettings from(ConfigReader reader) {
    return new ParsingSettings(
        reader.longAtLeast("max-characters", 1, "20000000"),
        reader.oneOf("isolation", Set.of("process", "none"), "\"process\"").equals("process"),
        reader.positiveDuration("timeout", "60s"),
        reader.bytesAtLeast("worker-heap", 64L << 20, "512m"),
        reader.intAtLeast("documents-per-worker", 1, "2000"),
        reader.oneOf("embedded", Set.of("include", "skip"), "\"include\"").equals("include"),
        reader.intAtLeast("max-embedded", 0, "1000"),
        reader.intAtLeast("max-embedded-depth", 0, "5"),
        reader.bytesAtLeast("max-bytes", 1, "1g"));
  }
}
