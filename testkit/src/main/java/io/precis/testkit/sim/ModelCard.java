package io.precis.testkit.sim;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The made-up but stable metadata of a simulated model, derived from its name: {@code
 * "llama3.2:3b"} is of family {@code llama} with 3B parameters.
 */
record ModelCard(String name) {
  /** When every simulated model was last modified, as Ollama reports it. */
  static final String MODIFIED_AT = "2025-01-01T00:00:00Z";

  /** The same instant in seconds since the epoch, as OpenAI reports {@code created}. */
  static final long CREATED_EPOCH_SECONDS = 1_735_689_600L;

  private static final Pattern FAMILY = Pattern.compile("^[A-Za-z]+");
  private static final Pattern PARAMETER_SIZE = Pattern.compile(":(\\d+(?:\\.\\d+)?)[bB]");

  ModelCard {
    Objects.requireNonNull(name, "name is null");
  }

  /** The letters the name starts with, e.g. {@code llama}; {@code llama} if none. */
  String family() {
    Matcher matcher = FAMILY.matcher(name);
    return matcher.find() ? matcher.group().toLowerCase(Locale.ROOT) : "llama";
  }

  /** The parameter count in the tag, e.g. {@code 3B} for {@code llama3.2:3b}; else {@code 7B}. */
  String parameterSize() {
    Matcher matcher = PARAMETER_SIZE.matcher(name);
    return (matcher.find() ? matcher.group(1) : "7") + "B";
  }

  /** The parameter count as a number, e.g. 3,000,000,000 for {@code 3B}. */
  long parameterCount() {
    String size = parameterSize();
    return (long) (Double.parseDouble(size.substring(0, size.length() - 1)) * 1e9);
  }

  /** The file size of a 4-bit quantization: about 0.6 bytes per parameter. */
  long sizeBytes() {
    return parameterCount() * 6 / 10;
  }

  /** A stable SHA-256 digest of the model name. */
  String digest() {
    return FaultPlan.sha256Hex("model:" + name);
  }

  /** The quantization level Ollama reports. */
  String quantizationLevel() {
    return "Q4_K_M";
  }
}
