package io.precis.routing;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Where a chunk goes: the tiers the cascade may try, in order (it starts on the first, and
 * escalation goes along the list), the bucket the chunk was put in, and why (written to the
 * tables).
 */
public record Route(List<String> tiers, String bucket, String reason) implements Serializable {
  public Route {
    tiers = List.copyOf(tiers);
    if (tiers.isEmpty()) {
      throw new IllegalArgumentException("a route needs at least one tier");
    }
    Objects.requireNonNull(bucket, "bucket is null");
    Objects.requireNonNull(reason, "reason is null");
  }

  /** A route to one tier, with nowhere to escalate. */
  public Route(String tier, String bucket, String reason) {
    this(List.of(tier), bucket, reason);
  }

  /** The tier the chunk starts on. */
  public String tier() {
    return tiers.get(0);
  }
}
