package io.precis.core.util;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 content hashes, the basis of every stable id in precis. */
public final class Hashes {
  private Hashes() {}

  /** Lower-case hex SHA-256 of the UTF-8 bytes of the parts, each followed by a NUL separator. */
  public static String sha256(String... parts) {
    MessageDigest digest = newDigest();
    for (String part : parts) {
      digest.update(part.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The first {@code length} hex characters of {@link #sha256}. */
  public static String sha256Prefix(int length, String... parts) {
    return sha256(parts).substring(0, length);
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
