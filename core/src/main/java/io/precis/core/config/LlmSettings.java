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
 * are tried again, how many calls a task keeps in flight, and the call ledger.
 *
 * @param concurrency calls one Spark task keeps in flight at once
 */
public record LlmSettings(
    List<String> cascade,
    String baselineTier,
    Map<String, TierSettings> tiers,
    RetrySettings retry,
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

  /** The tiers a job calls or prices: the cascade and the baseline, each once. */
  public List<TierSettings> usedTiers() {
    Map<String, TierSettings> used = new LinkedHashMap<>();
    for (String name : cascade) {
      used.put(name, tiers.get(name));
    }
    used.put(baselineTier, tiers.get(baselineTier));
    return List.copyOf(used.values());
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
    return new LlmSettings(
        cascade,
        baseline,
        tiers,
        RetrySettings.from(reader.at("retry")),
        reader.intAtLeast("concurrency", 1, "16"),
        LedgerSettings.from(reader.at("ledger")));
  }

  private static String quote(String name) {
    return com.typesafe.config.ConfigUtil.quoteString(name);
  }
}
