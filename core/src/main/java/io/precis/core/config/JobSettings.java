package io.precis.core.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.precis.core.errors.Errors;
import io.precis.core.model.Attribution;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Who a job's spend is attributed to: feature, tenant and (optionally) user, and the rules that
 * attribute some documents' spend to another feature or tenant.
 */
public record JobSettings(String feature, String tenant, String user, Attribution attribution)
    implements Serializable {
  /** The keys of a {@code job.attribution} rule. */
  static final Set<String> RULE_KEYS = Set.of("match", "feature", "tenant");

  private static final String RULE_EXAMPLE =
      "{ match = \"**/contracts/**\", feature = \"contract-review\" }";

  public JobSettings {
    Objects.requireNonNull(feature, "feature is null");
    Objects.requireNonNull(tenant, "tenant is null");
    Objects.requireNonNull(user, "user is null");
    Objects.requireNonNull(attribution, "attribution is null");
  }

  /** Settings without attribution rules. */
  public JobSettings(String feature, String tenant, String user) {
    this(feature, tenant, user, Attribution.none());
  }

  static JobSettings from(ConfigReader reader) {
    return new JobSettings(
        reader.nonEmptyString("feature", "\"support-tickets\""),
        reader.nonEmptyString("tenant", "\"acme\""),
        reader.string("user"),
        attribution(reader));
  }

  public JobSettings withFeature(String value) {
    return new JobSettings(value, tenant, user, attribution);
  }

  public JobSettings withTenant(String value) {
    return new JobSettings(feature, value, user, attribution);
  }

  private static Attribution attribution(ConfigReader reader) {
    String key = reader.key("attribution");
    ConfigValue value = reader.raw().getValue("attribution");
    if (value.valueType() != ConfigValueType.LIST) {
      throw Errors.invalidConfigValue(
          key, value.unwrapped(), "a list of rules", "[" + RULE_EXAMPLE + "]");
    }
    ConfigList list = (ConfigList) value;
    List<Attribution.Rule> rules = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      rules.add(rule(key + "[" + i + "]", list.get(i)));
    }
    return Attribution.of(rules);
  }

  private static Attribution.Rule rule(String key, ConfigValue value) {
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw Errors.invalidConfigValue(key, value.unwrapped(), "a rule", RULE_EXAMPLE);
    }
    ConfigObject object = (ConfigObject) value;
    for (String name : object.keySet()) {
      if (!RULE_KEYS.contains(name)) {
        throw Errors.unknownConfigKey(
            key + "." + name,
            KeyValidator.describe(object.get(name).origin()),
            KeyValidator.closest(name, List.copyOf(RULE_KEYS)).map(s -> key + "." + s));
      }
    }
    String match = ruleString(object, key, "match", "\"**/contracts/**\"");
    String feature = ruleString(object, key, "feature", "\"contract-review\"");
    String tenant = ruleString(object, key, "tenant", "\"acme\"");
    if (match.isEmpty()) {
      throw Errors.invalidConfigValue(
          key + ".match",
          "missing",
          "set, to a glob matched against each document's path (bucket/key for S3)",
          "\"**/contracts/**\"");
    }
    if (feature.isEmpty() && tenant.isEmpty()) {
      throw Errors.invalidConfigValue(
          key, value.unwrapped(), "a rule that sets feature, tenant or both", RULE_EXAMPLE);
    }
    Attribution.Rule rule = new Attribution.Rule(match, feature, tenant);
    try {
      rule.matcher();
    } catch (PatternSyntaxException e) {
      throw Errors.invalidGlob(key + ".match", match, e, "\"**/contracts/**\"");
    }
    return rule;
  }

  /** A string of the rule, "" when it is absent; present, it must not be blank. */
  private static String ruleString(ConfigObject rule, String key, String name, String example) {
    ConfigValue value = rule.get(name);
    if (value == null) {
      return "";
    }
    String text;
    try {
      text = rule.toConfig().getString(name);
    } catch (ConfigException.WrongType e) {
      throw Errors.invalidConfigValue(key + "." + name, value.unwrapped(), "a string", example);
    }
    if (text.isBlank()) {
      throw Errors.invalidConfigValue(key + "." + name, text, "non-empty", example);
    }
    return text;
  }
}
