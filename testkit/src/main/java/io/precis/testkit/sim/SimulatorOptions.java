package io.precis.testkit.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The knobs of an {@link LlmSimulator}: where it listens, how slow and how faulty it is, which
 * models it knows and how it answers.
 *
 * <p>The fault shares are walked in the order rate limit, server error, timeout, malformed: a
 * request whose deterministic draw {@code u} in [0, 1) is below {@code rateLimitedShare} is rate
 * limited, else one below {@code rateLimitedShare + serverErrorShare} fails with a server error,
 * and so on. Shares that add up to more than 1 leave the later kinds only what remains.
 *
 * @param port the TCP port to bind on 127.0.0.1, 0 for an ephemeral one
 * @param latency how long the simulator waits before every answer (faults included, except the
 *     timeout, which hangs for {@code timeoutHang} instead)
 * @param rateLimitedShare the share of completion and embedding requests answered with HTTP 429
 * @param retryAfterSeconds the value of the {@code Retry-After} header of a 429 answer
 * @param serverErrorShare the share answered with HTTP 500
 * @param timeoutShare the share held without an answer for {@code timeoutHang}, then dropped
 * @param timeoutHang how long a timed-out request is held before its connection is closed
 * @param malformedShare the share answered with HTTP 200 and a truncated JSON body
 * @param seed the seed of the deterministic fault draws
 * @param qualityRules rules that make some models answer badly on number-heavy texts
 * @param models the model names served; empty to accept any name
 * @param embeddingDimensions the length of the embedding vectors
 * @param requiredApiKey the key the OpenAI API demands as {@code Authorization: Bearer <key>}; null
 *     for no authentication
 */
public record SimulatorOptions(
    int port,
    Duration latency,
    double rateLimitedShare,
    int retryAfterSeconds,
    double serverErrorShare,
    double timeoutShare,
    Duration timeoutHang,
    double malformedShare,
    long seed,
    List<QualityRule> qualityRules,
    List<String> models,
    int embeddingDimensions,
    String requiredApiKey) {

  /**
   * Listed when no models are set: the models of precis' default tiers, and a few more (a Claude
   * model for an Anthropic tier).
   */
  public static final List<String> DEFAULT_MODELS =
      List.of("llama3.2:3b", "qwen2.5:7b", "gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5");

  public SimulatorOptions {
    Objects.requireNonNull(latency, "latency is null");
    Objects.requireNonNull(timeoutHang, "timeoutHang is null");
    Objects.requireNonNull(qualityRules, "qualityRules is null");
    Objects.requireNonNull(models, "models is null");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port is " + port + " but must be between 0 and 65535");
    }
    requireNotNegative("latency", latency);
    requireNotNegative("timeoutHang", timeoutHang);
    requireShare("rateLimitedShare", rateLimitedShare);
    requireShare("serverErrorShare", serverErrorShare);
    requireShare("timeoutShare", timeoutShare);
    requireShare("malformedShare", malformedShare);
    if (retryAfterSeconds < 0) {
      throw new IllegalArgumentException(
          "retryAfterSeconds is " + retryAfterSeconds + " but must not be negative");
    }
    if (embeddingDimensions < 1) {
      throw new IllegalArgumentException(
          "embeddingDimensions is " + embeddingDimensions + " but must be at least 1");
    }
    if (requiredApiKey != null && requiredApiKey.isBlank()) {
      throw new IllegalArgumentException("requiredApiKey is blank; use null for no authentication");
    }
    qualityRules = List.copyOf(qualityRules);
    models = List.copyOf(models);
    for (String model : models) {
      if (model.isBlank()) {
        throw new IllegalArgumentException("models contains a blank name");
      }
    }
  }

  /**
   * The options of a well-behaved simulator: ephemeral port, no latency, no faults, a Retry-After
   * of 1 s, a timeout hang of 60 s, seed 42, no quality rules, any model name, 384 dimensions and
   * no authentication.
   */
  public static SimulatorOptions defaults() {
    return new SimulatorOptions(
        0,
        Duration.ZERO,
        0,
        1,
        0,
        0,
        Duration.ofSeconds(60),
        0,
        42,
        List.of(),
        List.of(),
        384,
        null);
  }

  /** A builder that starts from {@link #defaults()}. */
  public static Builder builder() {
    return defaults().toBuilder();
  }

  /** A builder that starts from these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The model names the simulator lists: {@link #models()}, or {@link #DEFAULT_MODELS}. */
  public List<String> listedModels() {
    return models.isEmpty() ? DEFAULT_MODELS : models;
  }

  /**
   * Whether the simulator serves this model: always when {@link #models()} is empty, else when it
   * is listed (a name without a tag also matches its {@code :latest} tag, as in Ollama).
   */
  public boolean servesModel(String model) {
    return models.isEmpty()
        || models.contains(model)
        || (!model.contains(":") && models.contains(model + ":latest"));
  }

  private static void requireShare(String name, double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException(name + " is " + share + " but must be between 0 and 1");
    }
  }

  private static void requireNotNegative(String name, Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " is " + duration + " but must not be negative");
    }
  }

  /** Builds {@link SimulatorOptions} one knob at a time; {@link #build()} validates them. */
  public static final class Builder {
    private int port;
    private Duration latency;
    private double rateLimitedShare;
    private int retryAfterSeconds;
    private double serverErrorShare;
    private double timeoutShare;
    private Duration timeoutHang;
    private double malformedShare;
    private long seed;
    private List<QualityRule> qualityRules;
    private List<String> models;
    private int embeddingDimensions;
    private String requiredApiKey;

    private Builder(SimulatorOptions from) {
      port = from.port;
      latency = from.latency;
      rateLimitedShare = from.rateLimitedShare;
      retryAfterSeconds = from.retryAfterSeconds;
      serverErrorShare = from.serverErrorShare;
      timeoutShare = from.timeoutShare;
      timeoutHang = from.timeoutHang;
      malformedShare = from.malformedShare;
      seed = from.seed;
      qualityRules = from.qualityRules;
      models = from.models;
      embeddingDimensions = from.embeddingDimensions;
      requiredApiKey = from.requiredApiKey;
    }

    /** Sets {@link SimulatorOptions#port()}. */
    public Builder port(int value) {
      port = value;
      return this;
    }

    /** Sets {@link SimulatorOptions#latency()}. */
    public Builder latency(Duration value) {
      latency = value;
      return this;
    }

    /** Sets {@link SimulatorOptions#rateLimitedShare()}. */
    public Builder rateLimitedShare(double value) {
      rateLimitedShare = value;
      return this;
    }

    /** Sets {@link SimulatorOptions#retryAfterSeconds()}. */
    public Builder retryAfterSeconds(int value) {
      retryAfterSeconds = value;
      return this;
    }

    /** Sets {@link SimulatorOptions#serverErrorShare()}. */
    public Builder serverErrorShare(double value) {
      serverErrorShare = value;
      return this;
    }

    /** Sets {@link SimulatorOptions#timeoutShare()}. */
    public Builder timeoutShare(double value) {
      timeoutShare = value;
      return this;
    }

    /** Sets {@link SimulatorOptions#timeoutHang()}. */
    public Builder timeoutHang(Duration value) {
      timeoutHang = value;
      return this;
    }

    /** Sets {@link SimulatorOptions#malformedShare()}. */
    public Builder malformedShare(double value) {
      malformedShare = value;
      return this;
    }

    /** Sets {@link SimulatorOptions#seed()}. */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /** Sets {@link SimulatorOptions#qualityRules()}. */
    public Builder qualityRules(List<QualityRule> value) {
      qualityRules = value;
      return this;
    }

    /** Adds one rule to {@link SimulatorOptions#qualityRules()}. */
    public Builder qualityRule(QualityRule rule) {
      Objects.requireNonNull(rule, "rule is null");
      List<QualityRule> rules = new ArrayList<>(qualityRules);
      rules.add(rule);
      qualityRules = rules;
      return this;
    }

    /** Sets {@link SimulatorOptions#models()}. */
    public Builder models(List<String> value) {
      models = value;
      return this;
    }

    /** Sets {@link SimulatorOptions#models()}. */
    public Builder models(String... value) {
      models = List.of(value);
      return this;
    }

    /** Sets {@link SimulatorOptions#embeddingDimensions()}. */
    public Builder embeddingDimensions(int value) {
      embeddingDimensions = value;
      return this;
    }

    /** Sets {@link SimulatorOptions#requiredApiKey()}; null for no authentication. */
    public Builder requiredApiKey(String value) {
      requiredApiKey = value;
      return this;
    }

    /** The options, validated. */
    public SimulatorOptions build() {
      return new SimulatorOptions(
          port,
          latency,
          rateLimitedShare,
          retryAfterSeconds,
          serverErrorShare,
          timeoutShare,
          timeoutHang,
          malformedShare,
          seed,
          qualityRules,
          models,
          embeddingDimensions,
          requiredApiKey);
    }
  }
}
