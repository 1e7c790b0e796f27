package io.precis.core.config;

import java.io.Serializable;

/** The placeholder routing rule: share of digits above which a chunk goes to the last tier. */
public record RoutingSettings(double premiumDigitShare) implements Serializable {
  static RoutingSettings from(ConfigReader reader) {
    return new RoutingSettings(reader.share("premium-digit-share", "0.15"));
  }
}
