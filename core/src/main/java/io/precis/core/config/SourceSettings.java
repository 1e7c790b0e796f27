package io.precis.core.config;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Which documents a job reads: glob filters, and how to reach an S3-compatible store.
 *
 * @param s3Endpoint empty for AWS itself
 */
public record SourceSettings(
    List<String> includeGlobs,
    List<String> excludeGlobs,
    String s3Endpoint,
    String s3Region,
    boolean s3PathStyle)
    implements Serializable {
  public SourceSettings {
    includeGlobs = List.copyOf(includeGlobs);
    excludeGlobs = List.copyOf(excludeGlobs);
    Objects.requireNonNull(s3Endpoint, "s3Endpoint is null");
    Objects.requireNonNull(s3Region, "s3Region is null");
  }

  static SourceSettings from(ConfigReader reader) {
    String endpoint = reader.string("s3.endpoint");
    if (!endpoint.isEmpty()) {
      reader.httpUrl("s3.endpoint", "\"http://localhost:9000\"");
    }
    return new SourceSettings(
        reader.stringList("include-globs", "[\"**.pdf\"]"),
        reader.stringList("exclude-globs", "[\"drafts/**\"]"),
        endpoint,
        reader.nonEmptyString("s3.region", "\"us-east-1\""),
        reader.bool("s3.path-style"));
  }
}
