package io.precis.core.config;

import com.typesafe.config.Config;
import io.precis.core.errors.Errors;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The model tiers, their order from cheapest to most capable, the baseline tier, how failed calls
 * are tried again, when calls to a failing model stop for a while, how many calls a task keeps in
 * flight, and the call ledger.
 *
 * @param concurrency calls one Spark task keeps in flight at once
 */
public record LlmSettings(
    List<String> cascade,
    String baselineTier,
    Map<String, TierSettings> tiers,
    RetrySettings retry,
    CircuitBreakerSettings circuitBreaker,
    int concurrency,
    LedgerSettings ledger)
    implements Serializable {
  public LlmSettings {
    cascade = List.copyOf(cascade);
    Objects.requireNonNull(baselineTier, "baselineTier is null");
    tiers = Map.copyOf(tiers);
    Objects.requireNonNull(retry, "retry is null");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency is " + concurrency + " but must be >= 1");
    }
    Objects.requireNonNull(ledger, "ledger is null");
    Objects.requireNonNull(circuitBreaker, "circuitBreaker is null");
  }

  /** Settings with the default circuit breaker, 16 calls in flight per task and no ledger. */
  public LlmSettings(
      List<String> cascade,
      String baselineTier,
      Map<String, TierSettings> tiers,
      RetrySettings retry) {
    this(
        cascade,
        baselineTier,
        tiers,
        retry,
        CircuitBreakerSettings.defaults(),
        16,
        LedgerSettings.disabled());
  }

  /** The tier everything goes to first. */
  public TierSettings cheapest() {
    return tiers.get(cascade.get(0));
  }

  /** The tier of last resort. */
  public TierSettings mostCapable() {
    return tiers.get(cascade.get(cascade.size() - 1));
  }

  /** The tier of the all-premium cost baseline. */
  public TierSettings baseline() {
    return tiers.get(baselineTier);
  }

  public TierSettings tier(String name) {
    TierSettings tier = tiers.get(name);
    if (tier == null) {
      throw new IllegalArgumentException("No tier named " + name);
    }
    return tier;
  }

  static LlmSettings from(ConfigReader reader) {
    Config defaults = reader.raw().getConfig("tier-defaults");
    Map<String, TierSettings> tiers = new LinkedHashMap<>();
    Config tierConfigs = reader.raw().getConfig("tiers");
    for (String name : tierConfigs.root().keySet()) {
      Config tier = tierConfigs.getConfig(quote(name)).withFallback(defaults);
      tiers.put(
          name, TierSettings.from(name, new ConfigReader(tier, reader.key("tiers." + name + "."))));
    }
    List<String> cascade = reader.stringList("cascade", "[cheap, premium]");
    if (cascade.isEmpty()) {
      throw Errors.invalidConfigValue(
          reader.key("cascade"), "[]", "a list of at least one tier", "[cheap, premium]");
    }
    for (String name : cascade) {
      if (!tiers.containsKey(name)) {
        throw Errors.unknownTier(name, reader.key("cascade"));
      }
    }
    String baseline = reader.nonEmptyString("baseline-tier", "premium");
    if (!tiers.containsKey(baseline)) {
      throw Errors.unknownTier(baseline, reader.key("baseline-tier"));
    }
    requireSameLimits(cascade, tiers);
    return new LlmSettings(
        cascade,
        baseline,
        tiers,
        RetrySettings.from(reader.at("retry")),
        CircuitBreakerSettings.from(reader.at("circuit-breaker")),
        reader.intAtLeast("concurrency", 1, "16"),
        LedgerSettings.from(reader.at("ledger")));
  }

  /**
   * Tiers that call the same model on the same server share one rate limiter, so they must agree on
   * its limits.
   */
  private static void requireSameLimits(List<String> cascade, Map<String, TierSettings> tiers) {
    Map<String, TierSettings> byKey = new LinkedHashMap<>();
    for (String name : cascade) {
      TierSettings tier = tiers.get(name);
      TierSettings other = byKey.putIfAbsent(tier.limitsKey(), tier);
      if (other == null) {
        continue;
      }
      if (other.requestsPerMinute() != tier.requestsPerMinute()) {
        throw Errors.sharedLimitsDiffer(
            other.limitsKey(),
            other.key("requests-per-minute"),
            other.requestsPerMinute(),
            tier.key("requests-per-minute"),
            tier.requestsPerMinute());
      }
      if (other.tokensPerMinute() != tier.tokensPerMinute()) {
        throw Errors.sharedLimitsDiffer(
            other.limitsKey(),
            other.key("tokens-per-minute"),
            other.tokensPerMinute(),
            tier.key("tokens-per-minute"),
            tier.tokensPerMinute());
      }
    }
  }

  private static String quote(String name) {
    return com.typesafe.config.ConfigUtil.quoteString(name);
  }
}
