package io.precis.chunking.source;

import io.precis.core.errors.Errors;
import java.util.Locale;
import java.util.Objects;

/**
 * A bucket and a key or key prefix, parsed from an {@code s3://bucket/prefix} input or a listed
 * document's {@code s3://bucket/key} URI. Keys are kept as they are, not URL-encoded.
 *
 * @param prefix empty for the whole bucket
 */
record S3Location(String bucket, String prefix) {
  static final String SCHEME = "s3://";

  S3Location {
    Objects.requireNonNull(bucket, "bucket is null");
    Objects.requireNonNull(prefix, "prefix is null");
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException("bucket is empty");
    }
  }

  /** Whether the input names an S3 location (s3://, in any case). */
  static boolean isS3(String input) {
    return input.toLowerCase(Locale.ROOT).startsWith(SCHEME);
  }

  /**
   * @throws io.precis.core.errors.PrecisException when the input names no bucket
   */
  static S3Location parse(String input) {
    if (!isS3(input)) {
      throw new IllegalArgumentException("Not an s3:// location: " + input);
    }
    String path = input.substring(SCHEME.length());
    int slash = path.indexOf('/');
    String bucket = slash < 0 ? path : path.substring(0, slash);
    if (bucket.isEmpty()) {
      throw Errors.invalidS3Input(input);
    }
    return new S3Location(bucket, slash < 0 ? "" : path.substring(slash + 1));
  }

  /** The URI of the object with this key in this bucket. */
  String uri(String key) {
    return SCHEME + bucket + "/" + key;
  }

  @Override
  public String toString() {
    return SCHEME + bucket + "/" + prefix;
  }
}
