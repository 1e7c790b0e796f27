package io.precis.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueFactory;
import io.precis.core.util.Urls;
import java.util.function.Function;

/**
 * Prints the effective configuration for {@code precis config}, with secrets redacted: passwords in
 * URLs, and whether each tier's API key variable is set, never its value.
 */
public final class ConfigRenderer {
  static final String REDACTED = Urls.REDACTED;

  private ConfigRenderer() {}

  public static String render(Config config, Function<String, String> environment) {
    Config redacted = config;
    for (var entry : config.entrySet()) {
      Object value = entry.getValue().unwrapped();
      if (value instanceof String text) {
        String shown =
            entry.getKey().endsWith("webhook-url") ? Urls.withoutPath(text) : Urls.redact(text);
        if (!shown.equals(text)) {
          redacted = redacted.withValue(entry.getKey(), ConfigValueFactory.fromAnyRef(shown));
        }
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(
        redacted
            .root()
            .render(
                ConfigRenderOptions.defaults()
                    .setOriginComments(false)
                    .setComments(false)
                    .setJson(false)
                    .setFormatted(true)));
    Config tiers = config.getConfig("llm.tiers");
    for (String tier : tiers.root().keySet()) {
      String variable =
          tiers
              .getConfig(ConfigUtil.quoteString(tier))
              .withFallback(config.getConfig("llm.tier-defaults"))
              .getString("api-key-env");
      if (!variable.isEmpty()) {
        String state = environment.apply(variable) == null ? "NOT SET" : "set, " + REDACTED;
        out.append("# API key of tier '")
            .append(tier)
            .append("': $")
            .append(variable)
            .append(" (")
            .append(state)
            .append(")\n");
      }
    }
    return out.toString();
  }
}
