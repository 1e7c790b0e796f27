package io.precis.core.config;

import java.io.Serializable;
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
 * @param batchSize texts per embedding call
 * @param threads threads of the in-process model; 0 means the cores of this JVM
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

  static EmbedderSettings from(ConfigReader reader) {
    return new EmbedderSettings(
        reader.oneOf("provider", PROVIDERS, "\"minilm\""),
        reader.string("base-url"),
        reader.string("model"),
        reader.string("api-key-env"),
        reader.intAtLeast("batch-size", 1, "32"),
        reader.intAtLeast("threads", 0, "0"),
        reader.positiveDuration("timeout", "60s"));
  }
}
