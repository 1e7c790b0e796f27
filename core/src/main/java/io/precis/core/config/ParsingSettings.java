package io.precis.core.config;

import java.io.Serializable;

/** Limits on document parsing. */
public record ParsingSettings(long maxCharacters) implements Serializable {
  static ParsingSettings from(ConfigReader reader) {
    return new ParsingSettings(reader.longAtLeast("max-characters", 1, "20000000"));
  }
}
