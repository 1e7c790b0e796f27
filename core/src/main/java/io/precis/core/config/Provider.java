package io.precis.core.config;

import io.precis.core.errors.Errors;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The wire protocol a tier speaks. */
public enum Provider {
  /** Ollama's native API, through Ollama4j. */
  OLLAMA,
  /** An OpenAI-compatible chat completions API (OpenAI, vLLM, DeepSeek, Ollama's /v1...). */
  OPENAI,
  /** Anthropic's Messages API ({@code POST <base-url>/v1/messages}). */
  ANTHROPIC;

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
    List<String> ids = Arrays.stream(values()).map(p -> "\"" + p.id() + "\"").toList();
    String allowed =
        String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.get(ids.size() - 1);
    throw Errors.invalidConfigValue(key, value, allowed, "\"ollama\"");
  }
}
