package io.precis.routing.embed;

import io.precis.core.config.EmbedderSettings;
import java.util.function.Function;

/** Builds the embedder the settings name. */
public final class Embedders {
  private Embedders() {}

  /**
   * @param env reads environment variables (the remote API key)
   */
  public static Embedder create(EmbedderSettings settings, Function<String, String> env) {
    return switch (settings.provider()) {
      case "minilm" -> new MiniLmEmbedder();
      default ->
          throw new UnsupportedOperationException(
              "embedder.provider " + settings.provider() + " is not built yet");
    };
  }
}
