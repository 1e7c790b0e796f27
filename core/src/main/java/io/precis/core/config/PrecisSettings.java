package io.precis.core.config;

import com.typesafe.config.Config;
import io.precis.core.cost.PriceTable;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Every setting of a precis job, typed and validated, read once from the effective configuration.
 * It is serializable so that Spark ships it to executors.
 */
public record PrecisSettings(
    JobSettings job,
    SparkSettings spark,
    SourceSettings source,
    ParsingSettings parsing,
    CleaningSettings cleaning,
    ChunkingSettings chunking,
    LlmSettings llm,
    RoutingSettings routing,
    SummarySettings summary,
    EmbedderSettings embedder,
    DedupeSettings dedupe,
    CacheSettings cache,
    AlertSettings alerts,
    PriceTable prices,
    CheckSettings checks)
    implements Serializable {

  public PrecisSettings {
    Objects.requireNonNull(job, "job is null");
    Objects.requireNonNull(spark, "spark is null");
    Objects.requireNonNull(source, "source is null");
    Objects.requireNonNull(parsing, "parsing is null");
    Objects.requireNonNull(cleaning, "cleaning is null");
    Objects.requireNonNull(chunking, "chunking is null");
    Objects.requireNonNull(llm, "llm is null");
    Objects.requireNonNull(routing, "routing is null");
    Objects.requireNonNull(summary, "summary is null");
    Objects.requireNonNull(embedder, "embedder is null");
    Objects.requireNonNull(dedupe, "dedupe is null");
    Objects.requireNonNull(cache, "cache is null");
    Objects.requireNonNull(alerts, "alerts is null");
    Objects.requireNonNull(prices, "prices is null");
    Objects.requireNonNull(checks, "checks is null");
  }

  /**
   * Reads and validates every key.
   *
   * @throws io.precis.core.errors.PrecisException naming the first key that is invalid
   */
  public static PrecisSettings from(Config config) {
    ConfigReader root = new ConfigReader(config, "");
    LlmSettings llm = LlmSettings.from(root.at("llm"));
    return new PrecisSettings(
        JobSettings.from(root.at("job")),
        SparkSettings.from(root.at("spark")),
        SourceSettings.from(root.at("source")),
        ParsingSettings.from(root.at("parsing")),
        CleaningSettings.from(root.at("cleaning")),
        ChunkingSettings.from(root.at("chunking")),
        llm,
        RoutingSettings.from(root.at("routing"), llm.tiers().keySet()),
        SummarySettings.from(root.at("summary")),
        EmbedderSettings.from(root.at("embedder")),
        DedupeSettings.from(root.at("dedupe")),
        CacheSettings.from(root.at("cache")),
        AlertSettings.from(root.at("alerts")),
        PriceTable.from(config.getConfig("prices")),
        CheckSettings.from(root.at("checks")));
  }

  /** The tiers a job may call: the cascade's and those routing sends chunks to, each once. */
  public List<TierSettings> calledTiers() {
    java.util.LinkedHashMap<String, TierSettings> called = new java.util.LinkedHashMap<>();
    for (String name : llm.cascade()) {
      called.put(name, llm.tier(name));
    }
    for (String name : routing.routedTiers()) {
      called.put(name, llm.tier(name));
    }
    return List.copyOf(called.values());
  }

  /** The tiers a job calls or prices: those it may call and the baseline, each once. */
  public List<TierSettings> pricedTiers() {
    java.util.LinkedHashMap<String, TierSettings> priced = new java.util.LinkedHashMap<>();
    calledTiers().forEach(tier -> priced.put(tier.name(), tier));
    priced.put(llm.baselineTier(), llm.baseline());
    return List.copyOf(priced.values());
  }
}
