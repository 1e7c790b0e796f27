package io.precis.core.model;

import java.io.Serializable;
import java.util.Objects;

/** The job a call belongs to and who its spend is attributed to. */
public record JobContext(String jobId, String feature, String tenant, String userId)
    implements Serializable {
  public JobContext {
    Objects.requireNonNull(jobId, "jobId is null");
    Objects.requireNonNull(feature, "feature is null");
    Objects.requireNonNull(tenant, "tenant is null");
    Objects.requireNonNull(userId, "userId is null");
  }
}
