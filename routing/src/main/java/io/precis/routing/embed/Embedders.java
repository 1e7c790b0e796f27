package io.precis.routing.embed;

import io.precis.core.config.EmbedderSettings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Builds the embedder the settings name. */
public final class Embedders {
  private static final Map<EmbedderSettings, Embedder> SHARED = new ConcurrentHashMap<>();

  private Embedders() {}

  /**
   * A new embedder; the caller closes it.
   *
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

  /**
   * The one embedder of this JVM for these settings, built on first use and never closed: every
   * Spark task of an executor shares one model instead of loading its own.
   */
  public static Embedder shared(EmbedderSettings settings, Function<String, String> env) {
    return SHARED.computeIfAbsent(settings, s -> create(s, env));
  }
}
