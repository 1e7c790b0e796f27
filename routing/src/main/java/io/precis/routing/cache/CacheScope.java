package io.precis.routing.cache;

import io.precis.core.util.Hashes;
import java.io.Serializable;
import java.util.Objects;

/**
 * What a cache entry may be served to: the same tenant, the same model, the same prompt version and
 * the same summary parameters (e.g. {@code words=60}). There is no lookup without a scope, and an
 * entry is only ever served inside the scope it was written in.
 */
public record CacheScope(String tenant, String model, String promptVersion, String parameters)
    implements Serializable {
  public CacheScope {
    Objects.requireNonNull(tenant, "tenant is null");
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(promptVersion, "promptVersion is null");
    Objects.requireNonNull(parameters, "parameters is null");
  }

  /** A stable key of the four parts (24 hex characters of their hash), stored with every entry. */
  public String key() {
    return Hashes.sha256Prefix(24, tenant, model, promptVersion, parameters);
  }
}
