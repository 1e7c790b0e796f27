package io.precis.core.config;

import io.precis.core.errors.Errors;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The embedder that turns chunk text into vectors for semantic dedupe and the semantic cache
 * ({@code embedder}): all-MiniLM-L6-v2 in-process, or a remote embed endpoint.
 *
 * @param provider {@code minilm} (in-process ONNX), {@code ollama} ({@code POST
 *     base-url/api/embed}) or {@code openai} ({@code POST base-url/embeddings})
 * @param baseUrl the remote endpoint; empty for minilm
 * @param model the remote model; empty for minilm
 * @param apiKeyEnv the environment variable holding the remote API key, or empty
 * @param batchSize texts per request to the server; for minilm, texts handed to its threads at once
 * @param threads texts the in-process model embeds at once, one thread each; 0 means the cores of
 *     this JVM
 * @param timeout longest wait for one remote batch
 */
public record EmbedderSettings(
    String provider,
    String baseUrl,
    String model,
    String apiKeyEnv,
    int batchSize,
    int threads,
    Duration timeout)
    implements Serializable {
  public static final Set<String> PROVIDERS = Set.of("minilm", "ollama", "openai");

  public EmbedderSettings {
    Objects.requireNonNull(provider, "provider is null");
    Objects.requireNonNull(baseUrl, "baseUrl is null");
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(apiKeyEnv, "apiKeyEnv is null");
    Objects.requireNonNull(timeout, "timeout is null");
  }

  /** The in-process MiniLM model with the given batch size, on every core. */
  public static EmbedderSettings minilm() {
    return new EmbedderSettings("minilm", "", "", "", 32, 0, Duration.ofSeconds(60));
  }

  /**
   * Checks what the provider needs: ollama and openai need a base URL (http or https) and a model.
   * Loading the configuration checks it, and so does building the embedder.
   *
   * @return these settings
   * @throws io.precis.core.errors.PrecisException naming the key, with an example
   */
  public EmbedderSettings validate() {
    if (provider.equals("minilm")) {
      return this;
    }
    boolean ollama = provider.equals("ollama");
    String example = ollama ? "\"http://localhost:11434\"" : "\"https://api.openai.com/v1\"";
    if (!isHttpUrl(baseUrl)) {
      throw Errors.invalidConfigValue(
          "embedder.base-url",
          baseUrl,
          "an http(s) URL when embedder.provider is \"" + provider + "\"",
          example);
    }
    if (model.isBlank()) {
      throw Errors.invalidConfigValue(
          "embedder.model",
          model,
          "an embedding model's name when embedder.provider is \"" + provider + "\"",
          ollama ? "\"nomic-embed-text\"" : "\"text-embedding-3-small\"");
    }
    return this;
  }

  private static boolean isHttpUrl(String value) {
    try {
      URI uri = new URI(value);
      return uri.getHost() != null
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  static EmbedderSettings from(ConfigReader reader) {
    return new EmbedderSettings(
            reader.oneOf("provider", PROVIDERS, "\"minilm\""),
            reader.string("base-url"),
            reader.string("model"),
            reader.string("api-key-env"),
            reader.intAtLeast("batch-size", 1, "32"),
            reader.intAtLeast("threads", 0, "0"),
            reader.positiveDuration("timeout", "60s"))
        .validate();
  }
}
