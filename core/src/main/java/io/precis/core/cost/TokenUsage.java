package io.precis.core.cost;

import java.io.Serializable;

/**
 * Tokens one call consumed, as the provider reported them. {@code cachedInputTokens} is the part of
 * {@code inputTokens} served from the provider's prompt cache (billed at the cached-input price).
 */
public record TokenUsage(long inputTokens, long outputTokens, long cachedInputTokens)
    implements Serializable {
  public static final TokenUsage NONE = new TokenUsage(0, 0, 0);

  public TokenUsage {
    if (inputTokens < 0 || outputTokens < 0 || cachedInputTokens < 0) {
      throw new IllegalArgumentException(
          "token counts must be >= 0: "
              + inputTokens
              + ", "
              + outputTokens
              + ", "
              + cachedInputTokens);
    }
    if (cachedInputTokens > inputTokens) {
      throw new IllegalArgumentException(
          "cachedInputTokens " + cachedInputTokens + " exceeds inputTokens " + inputTokens);
    }
  }

  public TokenUsage plus(TokenUsage other) {
    return new TokenUsage(
        inputTokens + other.inputTokens,
        outputTokens + other.outputTokens,
        cachedInputTokens + other.cachedInputTokens);
  }
}
