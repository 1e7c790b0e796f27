package io.precis.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.net.URI;
import java.util.function.Function;

/**
 * Prints the effective configuration for {@code precis config}, with secrets redacted: passwords in
 * URLs, and whether each tier's API key variable is set, never its value.
 */
public final class ConfigRenderer {
  static final String REDACTED = "<redacted>";

  private ConfigRenderer() {}

  public static String render(Config config, Function<String, String> environment) {
    Config redacted = config;
    for (var entry : config.entrySet()) {
      Object value = entry.getValue().unwrapped();
      if (value instanceof String text && hasUserInfo(text)) {
        redacted =
            redacted.withValue(entry.getKey(), ConfigValueFactory.fromAnyRef(redactUrl(text)));
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
          config
              .getConfig("llm.tiers")
              .getConfig(tier)
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

  private static boolean hasUserInfo(String text) {
    try {
      URI uri = new URI(text);
      return uri.getScheme() != null && uri.getRawUserInfo() != null;
    } catch (Exception e) {
      return false;
    }
  }

  private static String redactUrl(String text) {
    URI uri = URI.create(text);
    return text.replace(uri.getRawUserInfo() + "@", REDACTED + "@");
  }
}
