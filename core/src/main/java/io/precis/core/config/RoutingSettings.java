package io.precis.core.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.precis.core.errors.Errors;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How chunks are routed to tiers: the bucket classifier's examples and thresholds, the tiers each
 * bucket may use, and the pins that send some chunks to fixed tiers whatever their bucket.
 *
 * @param examples the labelled examples file; "" for the shipped set
 * @param k how many nearest examples vote on a chunk's bucket
 * @param novelThreshold least cosine to the nearest known example below which a chunk is novel
 * @param minConfidence least share of the vote the leading bucket needs, else the chunk is novel
 * @param buckets for each of {@link #BUCKETS}, the tiers in the order the cascade tries them
 * @param pins the pin rules, the first that matches wins
 */
public record RoutingSettings(
    String examples,
    int k,
    double novelThreshold,
    double minConfidence,
    Map<String, List<String>> buckets,
    List<Pin> pins)
    implements Serializable {
  /** The buckets, as configuration names them. */
  public static final List<String> BUCKETS = List.of("simple", "extraction", "complex", "novel");

  /** The contents a pin can match, as the classifier finds them. */
  public static final List<String> CONTENTS = List.of("financial", "legal");

  /** The keys of a {@code routing.pins} rule. */
  static final Set<String> PIN_KEYS = Set.of("feature", "content", "tiers");

  private static final String PIN_EXAMPLE = "{ content = financial, tiers = [premium] }";

  /**
   * A rule that sends the chunks it matches to fixed tiers.
   *
   * @param feature the job feature it matches (job.feature, or the attributed one); "" for any
   * @param content the content it matches, one of {@link #CONTENTS}; "" for any
   */
  public record Pin(String feature, String content, List<String> tiers) implements Serializable {
    public Pin {
      Objects.requireNonNull(feature, "feature is null");
      Objects.requireNonNull(content, "content is null");
      tiers = List.copyOf(tiers);
      if (tiers.isEmpty() || (feature.isEmpty() && content.isEmpty())) {
        throw new IllegalArgumentException("a pin needs tiers and a feature or a content");
      }
    }

    /** Whether a chunk of this feature, holding these contents, is pinned by this rule. */
    public boolean matches(String chunkFeature, Collection<String> chunkContents) {
      return (feature.isEmpty() || feature.equals(chunkFeature))
          && (content.isEmpty() || chunkContents.contains(content));
    }

    /** The rule as reasons show it: {@code content=financial}, {@code feature=legal}. */
    public String describe() {
      List<String> parts = new ArrayList<>();
      if (!feature.isEmpty()) {
        parts.add("feature=" + feature);
      }
      if (!content.isEmpty()) {
        parts.add("content=" + content);
      }
      return String.join(" ", parts);
    }
  }

  public RoutingSettings {
    Objects.requireNonNull(examples, "examples is null");
    buckets = Map.copyOf(buckets);
    pins = List.copyOf(pins);
    if (!buckets.keySet().equals(Set.copyOf(BUCKETS))) {
      throw new IllegalArgumentException("tiers for exactly the buckets " + BUCKETS);
    }
  }

  /** The tiers a bucket may use, in the order the cascade tries them. */
  /** Every tier the buckets and pins name, each once, in the order they are named. */
  public List<String> routedTiers() {
    java.util.LinkedHashSet<String> named = new java.util.LinkedHashSet<>();
    buckets.values().forEach(named::addAll);
    pins.forEach(pin -> named.addAll(pin.tiers()));
    return List.copyOf(named);
  }

  public List<String> tiers(String bucket) {
    List<String> tiers = buckets.get(bucket);
    if (tiers == null) {
      throw new IllegalArgumentException("No bucket named " + bucket + "; buckets: " + BUCKETS);
    }
    return tiers;
  }

  /**
   * @param tiers the tiers llm.tiers defines: every tier named here must be one of them
   */
  static RoutingSettings from(ConfigReader reader, Collection<String> tiers) {
    Map<String, List<String>> buckets = new LinkedHashMap<>();
    for (String bucket : BUCKETS) {
      String path = "buckets." + bucket;
      buckets.put(
          bucket, tierList(reader.key(path), reader.stringList(path, "[cheap, premium]"), tiers));
    }
    return new RoutingSettings(
        reader.string("examples"),
        reader.intAtLeast("k", 1, "5"),
        reader.doubleBetween("novel-threshold", -1, 1, "0.2"),
        reader.share("min-confidence", "0.4"),
        buckets,
        pins(reader, tiers));
  }

  private static List<String> tierList(String key, List<String> names, Collection<String> tiers) {
    if (names.isEmpty()) {
      throw Errors.invalidConfigValue(key, "[]", "a list of at least one tier", "[cheap, premium]");
    }
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!tiers.contains(name)) {
        throw Errors.unknownRoutingTier(key, name, tiers);
      }
      if (!seen.add(name)) {
        throw Errors.invalidConfigValue(
            key, names, "a list that names each tier once", "[cheap, premium]");
      }
    }
    return List.copyOf(names);
  }

  private static List<Pin> pins(ConfigReader reader, Collection<String> tiers) {
    String key = reader.key("pins");
    ConfigValue value = reader.raw().getValue("pins");
    if (value.valueType() != ConfigValueType.LIST) {
      throw Errors.invalidConfigValue(
          key, value.unwrapped(), "a list of pins", "[" + PIN_EXAMPLE + "]");
    }
    ConfigList list = (ConfigList) value;
    List<Pin> pins = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      pins.add(pin(key + "[" + i + "]", list.get(i), tiers));
    }
    return pins;
  }

  private static Pin pin(String key, ConfigValue value, Collection<String> tiers) {
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw Errors.invalidConfigValue(key, value.unwrapped(), "a pin", PIN_EXAMPLE);
    }
    ConfigObject object = (ConfigObject) value;
    for (String name : object.keySet()) {
      if (!PIN_KEYS.contains(name)) {
        throw Errors.unknownConfigKey(
            key + "." + name,
            KeyValidator.describe(object.get(name).origin()),
            KeyValidator.closest(name, List.copyOf(PIN_KEYS)).map(s -> key + "." + s));
      }
    }
    String feature = pinString(object, key, "feature", "\"contract-review\"");
    String content = pinString(object, key, "content", "financial");
    if (!content.isEmpty() && !CONTENTS.contains(content)) {
      throw Errors.invalidConfigValue(key + ".content", content, "one of " + CONTENTS, "financial");
    }
    if (feature.isEmpty() && content.isEmpty()) {
      throw Errors.invalidConfigValue(
          key, value.unwrapped(), "a pin that sets feature, content or both", PIN_EXAMPLE);
    }
    if (!object.containsKey("tiers")) {
      throw Errors.invalidConfigValue(
          key + ".tiers", "missing", "a list of at least one tier", "[premium]");
    }
    List<String> names;
    try {
      names = object.toConfig().getStringList("tiers");
    } catch (ConfigException.WrongType e) {
      throw Errors.invalidConfigValue(
          key + ".tiers", object.get("tiers").unwrapped(), "a list of names", "[premium]");
    }
    return new Pin(feature, content, tierList(key + ".tiers", names, tiers));
  }

  /** A string of the pin, "" when it is absent; present, it must not be blank. */
  private static String pinString(ConfigObject pin, String key, String name, String example) {
    ConfigValue value = pin.get(name);
    if (value == null) {
      return "";
    }
    String text;
    try {
      text = pin.toConfig().getString(name);
    } catch (ConfigException.WrongType e) {
      throw Errors.invalidConfigValue(key + "." + name, value.unwrapped(), "a string", example);
    }
    if (text.isBlank()) {
      throw Errors.invalidConfigValue(key + "." + name, text, "non-empty", example);
    }
    return text;
  }
}
