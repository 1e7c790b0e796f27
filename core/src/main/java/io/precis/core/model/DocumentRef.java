package io.precis.core.model;

import io.precis.core.util.Hashes;
import java.io.Serializable;
import java.util.Objects;

/**
 * A document a source listed: where it is, how big, and a version that changes when its content
 * does (for a file, its size and modification time).
 */
public record DocumentRef(String uri, long bytes, String version) implements Serializable {
  public DocumentRef {
    Objects.requireNonNull(uri, "uri is null");
    Objects.requireNonNull(version, "version is null");
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes is " + bytes + " but must be >= 0");
    }
  }

  /** Stable id of the document: a hash of its URI, the same in every run. */
  public String docId() {
    return Hashes.sha256Prefix(32, "doc", uri);
  }
}
