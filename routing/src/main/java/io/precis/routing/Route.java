package io.precis.routing;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where a chunk goes: the tier to try first, the bucket it was put in, and why (written to the
 * tables).
 */
public record Route(String tier, String bucket, String reason) implements Serializable {
  public Route {
    Objects.requireNonNull(tier, "tier is null");
    Objects.requireNonNull(bucket, "bucket is null");
    Objects.requireNonNull(reason, "reason is null");
  }
}
