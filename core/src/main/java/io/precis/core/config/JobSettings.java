package io.precis.core.config;

import java.io.Serializable;
import java.util.Objects;

/** Who a job's spend is attributed to: feature, tenant and (optionally) user. */
public record JobSettings(String feature, String tenant, String user) implements Serializable {
  public JobSettings {
    Objects.requireNonNull(feature, "feature is null");
    Objects.requireNonNull(tenant, "tenant is null");
    Objects.requireNonNull(user, "user is null");
  }

  static JobSettings from(ConfigReader reader) {
    return new JobSettings(
        reader.nonEmptyString("feature", "\"support-tickets\""),
        reader.nonEmptyString("tenant", "\"acme\""),
        reader.string("user"));
  }

  public JobSettings withFeature(String value) {
    return new JobSettings(value, tenant, user);
  }

  public JobSettings withTenant(String value) {
    return new JobSettings(feature, value, user);
  }
}
