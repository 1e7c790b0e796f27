package io.precis.core.config;

import io.precis.core.errors.Errors;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * When a feature's spend alerts: a baseline from the same weekday of earlier weeks, a factor and a
 * number of days to fire, a lower factor and a number of days to clear (hysteresis), a floor under
 * which spend is noise, and where changes of state are sent.
 *
 * @param webhookUrl empty for none
 */
public record AlertSettings(
    int baselineWeeks,
    double fireFactor,
    int fireAfter,
    double clearFactor,
    int clearAfter,
    BigDecimal minimumSpend,
    String webhookUrl)
    implements Serializable {
  public AlertSettings {
    Objects.requireNonNull(minimumSpend, "minimumSpend is null");
    Objects.requireNonNull(webhookUrl, "webhookUrl is null");
  }

  static AlertSettings from(ConfigReader reader) {
    double fire = reader.doubleBetween("fire-factor", 1, 1000, "1.5");
    double clear = reader.doubleBetween("clear-factor", 0, 1000, "1.2");
    if (clear > fire) {
      throw Errors.invalidConfigValue(
          reader.key("clear-factor"),
          clear,
          "at most alerts.fire-factor (" + fire + "), or an alert could never clear",
          String.valueOf(fire * 0.8));
    }
    String webhook = reader.string("webhook-url");
    if (!webhook.isEmpty()) {
      reader.httpUrl("webhook-url", "\"https://hooks.example.com/precis\"");
    }
    return new AlertSettings(
        reader.intAtLeast("baseline-weeks", 1, "4"),
        fire,
        reader.intAtLeast("fire-after", 1, "2"),
        clear,
        reader.intAtLeast("clear-after", 1, "2"),
        BigDecimal.valueOf(reader.doubleBetween("minimum-spend", 0, 1e9, "1.00")),
        webhook);
  }
}
