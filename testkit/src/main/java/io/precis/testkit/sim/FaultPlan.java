package io.precis.testkit.sim;

import io.precis.testkit.sim.SimulatedCall.Outcome;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Decides deterministically which fault, if any, a request meets: a number in [0, 1) is drawn from
 * the seed, the request hash and the attempt number, then compared with the cumulative shares.
 * Because the attempt is part of the draw, a retried request meets a fresh fault decision.
 */
final class FaultPlan {
  private final SimulatorOptions options;

  FaultPlan(SimulatorOptions options) {
    this.options = Objects.requireNonNull(options, "options is null");
  }

  /** {@link Outcome#OK} or the fault that the request meets. */
  Outcome decide(String requestHash, int attempt) {
    double draw = draw(options.seed(), requestHash, attempt);
    double bound = options.rateLimitedShare();
    if (draw < bound) {
      return Outcome.RATE_LIMITED;
    }
    bound += options.serverErrorShare();
    if (draw < bound) {
      return Outcome.SERVER_ERROR;
    }
    bound += options.timeoutShare();
    if (draw < bound) {
      return Outcome.TIMEOUT;
    }
    bound += options.malformedShare();
    if (draw < bound) {
      return Outcome.MALFORMED;
    }
    return Outcome.OK;
  }

  /** A number in [0, 1) from the first 53 bits of SHA-256(seed, requestHash, attempt). */
  static double draw(long seed, String requestHash, int attempt) {
    byte[] digest = sha256(seed + "\n" + requestHash + "\n" + attempt);
    long bits = ByteBuffer.wrap(digest).getLong() >>> 11;
    return bits * 0x1.0p-53;
  }

  /** SHA-256 of the UTF-8 bytes of a text, in lowercase hex. */
  static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256(text));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
