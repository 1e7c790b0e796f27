package io.precis.core.config;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One model tier: which server, which model, and how it is called.
 *
 * @param charsPerToken for estimates only: characters per token of this model's tokenizer, or 0 to
 *     count with {@code chunking.encoding}
 * @param requestsPerMinute most requests a minute to this model on this server from one JVM, or 0
 *     for no limit; tiers with the same {@link #limitsKey()} share the limit
 * @param tokensPerMinute most tokens (input and output) a minute likewise, or 0 for no limit
 */
public record TierSettings(
    String name,
    Provider provider,
    URI baseUrl,
    String model,
    String apiKeyEnv,
    Duration timeout,
    int maxOutputTokens,
    double temperature,
    double charsPerToken,
    int requestsPerMinute,
    long tokensPerMinute)
    implements Serializable {
  public TierSettings {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(provider, "provider is null");
    Objects.requireNonNull(baseUrl, "baseUrl is null");
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(apiKeyEnv, "apiKeyEnv is null");
    Objects.requireNonNull(timeout, "timeout is null");
    if (requestsPerMinute < 0 || tokensPerMinute < 0) {
      throw new IllegalArgumentException(
          "requestsPerMinute and tokensPerMinute must be >= 0: "
              + requestsPerMinute
              + ", "
              + tokensPerMinute);
    }
  }

  /** A tier without rate limits. */
  public TierSettings(
      String name,
      Provider provider,
      URI baseUrl,
      String model,
      String apiKeyEnv,
      Duration timeout,
      int maxOutputTokens,
      double temperature,
      double charsPerToken) {
    this(
        name,
        provider,
        baseUrl,
        model,
        apiKeyEnv,
        timeout,
        maxOutputTokens,
        temperature,
        charsPerToken,
        0,
        0);
  }

  /** The key of this tier's model in the price table: {@code provider/model}. */
  public String modelKey() {
    return provider.id() + "/" + model;
  }

  /**
   * What rate limits and the circuit breaker are kept per: the model on its server, {@code
   * provider/model@base-url}. Two tiers that call the same model on the same server share them.
   */
  public String limitsKey() {
    String url = baseUrl.toString();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    return modelKey() + "@" + url;
  }

  /** The configuration key of a setting of this tier, for error messages. */
  public String key(String setting) {
    return "llm.tiers." + name + "." + setting;
  }

  static TierSettings from(String name, ConfigReader reader) {
    return new TierSettings(
        name,
        Provider.parse(reader.key("provider"), reader.string("provider")),
        reader.httpUrl("base-url", "\"http://localhost:11434\""),
        reader.nonEmptyString("model", "\"llama3.2:3b\""),
        reader.string("api-key-env"),
        reader.positiveDuration("timeout", "120s"),
        reader.intAtLeast("max-output-tokens", 1, "256"),
        reader.doubleBetween("temperature", 0, 2, "0.0"),
        reader.doubleBetween("chars-per-token", 0, 100, "4.0"),
        reader.intAtLeast("requests-per-minute", 0, "500"),
        reader.longAtLeast("tokens-per-minute", 0, "30000"));
  }
}
