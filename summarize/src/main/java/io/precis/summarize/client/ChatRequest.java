package io.precis.summarize.client;

import java.util.Objects;

/** One chat completion request: a system instruction and a user message to one model. */
public record ChatRequest(
    String model, String system, String user, int maxOutputTokens, double temperature) {
  public ChatRequest {
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(system, "system is null");
    Objects.requireNonNull(user, "user is null");
    if (maxOutputTokens < 1) {
      throw new IllegalArgumentException(
          "maxOutputTokens is " + maxOutputTokens + " but must be > 0");
    }
  }
}
