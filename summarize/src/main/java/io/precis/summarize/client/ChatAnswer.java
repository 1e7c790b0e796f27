package io.precis.summarize.client;

import io.precis.core.cost.TokenUsage;
import java.util.Objects;

/** A model's answer with the token usage the provider reported for it. */
public record ChatAnswer(String text, TokenUsage usage, String finishReason) {
  public ChatAnswer {
    Objects.requireNonNull(text, "text is null");
    Objects.requireNonNull(usage, "usage is null");
    Objects.requireNonNull(finishReason, "finishReason is null");
  }
}
