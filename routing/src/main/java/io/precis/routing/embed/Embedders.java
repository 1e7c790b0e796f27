package io.precis.routing.embed;

import io.precis.core.config.EmbedderSettings;
import io.precis.core.errors.Errors;
import io.precis.core.errors.PrecisException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Builds the embedder the settings name, and checks that it works before a job relies on it. */
public final class Embedders {
  private static final Map<EmbedderSettings, Embedder> SHARED = new ConcurrentHashMap<>();

  private Embedders() {}

  /**
   * A new embedder; the caller closes it.
   *
   * @param env reads environment variables (the remote API key)
   * @throws PrecisException if a remote provider lacks {@code embedder.base-url} or {@code
   *     embedder.model}, or its API key variable is not set
   */
  public static Embedder create(EmbedderSettings settings, Function<String, String> env) {
    settings.validate();
    return switch (settings.provider()) {
      case "minilm" -> new MiniLmEmbedder(settings.batchSize(), settings.threads());
      case "ollama", "openai" -> new RemoteEmbedder(settings, apiKey(settings, env));
      default -> throw new IllegalStateException("unknown provider " + settings.provider());
    };
  }

  /**
   * The id of the embedder the settings name, without building it: what vectors made with it are
   * tagged with (see {@link Embedder#id()}).
   */
  public static String id(EmbedderSettings settings) {
    return settings.provider().equals("minilm")
        ? MiniLmEmbedder.ID
        : settings.provider() + "/" + settings.model();
  }

  /**
   * The one embedder of this JVM for these settings, built on first use and never closed: every
   * Spark task of an executor shares one model instead of loading its own.
   */
  public static Embedder shared(EmbedderSettings settings, Function<String, String> env) {
    return SHARED.computeIfAbsent(settings, s -> create(s, env));
  }

  /**
   * A job's preflight: builds the embedder, embeds one short text, and closes it, so that a wrong
   * URL, model or key stops the job before any work rather than in its first task.
   *
   * @return the length of the embedder's vectors
   * @throws PrecisException saying what is wrong and how to fix it
   */
  public static int check(EmbedderSettings settings, Function<String, String> env) {
    try (Embedder embedder = create(settings, env)) {
      List<float[]> vectors = embedder.embed(List.of("precis checks the embedder"));
      return vectors.get(0).length;
    } catch (PrecisException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      if (!settings.provider().equals("minilm")) {
        throw e;
      }
      throw Errors.embedderFailedToStart(e.toString());
    }
  }

  /** Fails on a blank text: it has nothing to embed, and the in-process model rejects it. */
  static void requireText(List<String> texts) {
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i) == null || texts.get(i).isBlank()) {
        throw new IllegalArgumentException(
            "text " + i + " of " + texts.size() + " is blank: leave blank texts out");
      }
    }
  }

  private static Optional<String> apiKey(EmbedderSettings settings, Function<String, String> env) {
    if (settings.apiKeyEnv().isEmpty()) {
      return Optional.empty();
    }
    String key = env.apply(settings.apiKeyEnv());
    if (key == null || key.isBlank()) {
      throw Errors.embedderApiKeyMissing(settings.apiKeyEnv());
    }
    return Optional.of(key);
  }
}
