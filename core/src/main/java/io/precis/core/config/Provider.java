package io.precis.core.config;

import io.precis.core.errors.Errors;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The wire protocol a tier speaks. */
public enum Provider {
  /** Ollama's native API, through Ollama4j. */
  OLLAMA,
  /** An OpenAI-compatible chat completions API (OpenAI, vLLM, DeepSeek, Ollama's /v1...). */
  OPENAI;

  /** The name used in configuration and in price-table keys. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Provider parse(String key, String value) {
    for (Provider provider : values()) {
      if (provider.id().equals(value)) {
        return provider;
      }
    }
    String allowed =
        Arrays.stream(values()).map(p -> "\"" + p.id() + "\"").collect(Collectors.joining(" or "));
    throw Errors.invalidConfigValue(key, value, allowed, "\"ollama\"");
  }
}
