package io.precis.summarize.client;

import io.precis.core.config.TierSettings;
import io.precis.core.errors.Errors;
import java.util.Optional;
import java.util.function.Function;

/** Builds the client for a tier, reading its API key from the environment. */
public final class LlmClients {
  private LlmClients() {}

  /**
   * The client for the tier.
   *
   * @throws io.precis.core.errors.PrecisException when the tier names an API key variable that is
   *     not set
   */
  public static LlmClient create(TierSettings tier, Function<String, String> environment) {
    return switch (tier.provider()) {
      case OLLAMA -> new OllamaClient(tier, apiKey(tier, environment));
      case OPENAI -> new OpenAiCompatibleClient(tier, apiKey(tier, environment));
      case ANTHROPIC -> new AnthropicClient(tier, apiKey(tier, environment));
    };
  }

  private static Optional<String> apiKey(TierSettings tier, Function<String, String> environment) {
    if (tier.apiKeyEnv().isEmpty()) {
      return Optional.empty();
    }
    String key = environment.apply(tier.apiKeyEnv());
    if (key == null || key.isBlank()) {
      throw Errors.missingApiKey(tier.apiKeyEnv(), tier.name());
    }
    return Optional.of(key);
  }
}
