package io.precis.routing.cache.guard;

import java.io.Serializable;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the {@link HitGuards} need to know about a text, small enough to store with every cache
 * entry instead of the text: the numbers, dates and names it mentions (normalized, so that "1,000"
 * and "1000" or "March 5, 2024" and "2024-03-05" are equal), how many negations it holds, which
 * side of a few opposites it takes (enable / disable), hashes of its content-word stems (to tell
 * "lawful" from "unlawful" and whether a name of one text occurs in another without keeping the
 * words in clear), and its length in words.
 *
 * <p>Numbers, dates and names are kept in clear because a veto must say what differs; the content
 * words are kept only as 32-bit hashes. Hashes of common words can be reversed by trying a
 * dictionary, so the features are a reduction of the text, not a secret.
 *
 * <p>{@link #encode()} writes a stable one-line form ({@code g1;...}) that {@link #decode} reads
 * back; a later format gets a new version prefix.
 */
public final class GuardFeatures implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The format version that {@link #encode()} writes first. */
  public static final String FORMAT = "g1";

  private final int words;
  private final int negations;
  private final SortedSet<String> numbers;
  private final SortedSet<String> dates;
  private final SortedSet<String> entities;
  private final SortedSet<String> weakEntities;
  private final SortedSet<String> polarity;
  private final int[] stems;
  private final int[] negatedRoots;

  GuardFeatures(
      int words,
      int negations,
      Collection<String> numbers,
      Collection<String> dates,
      Collection<String> entities,
      Collection<String> weakEntities,
      Collection<String> polarity,
      int[] stems,
      int[] negatedRoots) {
    this.words = words;
    this.negations = negations;
    this.numbers = frozen(numbers);
    this.dates = frozen(dates);
    this.entities = frozen(entities);
    this.weakEntities = frozen(weakEntities);
    this.polarity = frozen(polarity);
    this.stems = sortedUnique(stems);
    this.negatedRoots = sortedUnique(negatedRoots);
  }

  /** The features of a text. */
  public static GuardFeatures of(String text) {
    return FeatureExtractor.extract(Objects.requireNonNull(text, "text is null"));
  }

  /** Words (runs of letters or digits) in the text. */
  public int words() {
    return words;
  }

  /** Negating words and contractions (not, never, without, n't, prohibited...). */
  public int negations() {
    return negations;
  }

  /** Numbers, normalized: {@code 1000}, {@code $3.5}, {@code 5%}, {@code 10gb}, {@code 17:00}. */
  public SortedSet<String> numbers() {
    return numbers;
  }

  /**
   * Dates, normalized: {@code 2024-03-05}, {@code 2024-03}, {@code --03-05} (no year), {@code --03}
   * (a month), {@code 2024} (a year), {@code fri}, {@code tomorrow}.
   */
  public SortedSet<String> dates() {
    return dates;
  }

  /** Names: capitalised words or phrases inside a sentence, acronyms and codes (2FA, GPT-4). */
  public SortedSet<String> entities() {
    return entities;
  }

  /**
   * Capitalised first words of sentences that do not look like ordinary words: maybe names, so they
   * count only against a name of the other text.
   */
  public SortedSet<String> weakEntities() {
    return weakEntities;
  }

  SortedSet<String> polarity() {
    return polarity;
  }

  boolean hasStem(int hash) {
    return Arrays.binarySearch(stems, hash) >= 0;
  }

  int[] negatedRoots() {
    return negatedRoots.clone();
  }

  boolean hasNegatedRoot(int hash) {
    return Arrays.binarySearch(negatedRoots, hash) >= 0;
  }

  /** The stable one-line form, for a cache entry's column. */
  public String encode() {
    StringBuilder out = new StringBuilder(FORMAT);
    out.append(";w=").append(words);
    out.append(";x=").append(negations);
    field(out, "n", numbers);
    field(out, "d", dates);
    field(out, "e", entities);
    field(out, "we", weakEntities);
    field(out, "p", polarity);
    out.append(";h=").append(ints(stems));
    out.append(";r=").append(ints(negatedRoots));
    return out.toString();
  }

  /**
   * Reads what {@link #encode()} wrote.
   *
   * @throws IllegalArgumentException if the text is not in a format this version reads
   */
  public static GuardFeatures decode(String encoded) {
    Objects.requireNonNull(encoded, "encoded is null");
    String[] parts = encoded.split(";", -1);
    if (!FORMAT.equals(parts[0])) {
      throw new IllegalArgumentException(
          "guard features start with '" + parts[0] + "', expected " + FORMAT);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq < 0 || fields.put(parts[i].substring(0, eq), parts[i].substring(eq + 1)) != null) {
        throw new IllegalArgumentException("malformed guard features field '" + parts[i] + "'");
      }
    }
    List<String> expected = List.of("w", "x", "n", "d", "e", "we", "p", "h", "r");
    if (!fields.keySet().equals(new java.util.HashSet<>(expected))) {
      throw new IllegalArgumentException(
          "guard features have fields " + fields.keySet() + ", expected " + expected);
    }
    try {
      return new GuardFeatures(
          Integer.parseInt(fields.get("w")),
          Integer.parseInt(fields.get("x")),
          strings(fields.get("n")),
          strings(fields.get("d")),
          strings(fields.get("e")),
          strings(fields.get("we")),
          strings(fields.get("p")),
          ints(fields.get("h")),
          ints(fields.get("r")));
    } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("malformed guard features: " + e.getMessage(), e);
    }
  }

  private static void field(StringBuilder out, String name, SortedSet<String> values) {
    out.append(';').append(name).append('=');
    boolean first = true;
    for (String value : values) {
      if (!first) {
        out.append(',');
      }
      out.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
      first = false;
    }
  }

  private static List<String> strings(String field) {
    List<String> values = new ArrayList<>();
    if (!field.isEmpty()) {
      for (String value : field.split(",", -1)) {
        values.add(URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  private static String ints(int[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Integer.BYTES);
    for (int value : values) {
      buffer.putInt(value);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
  }

  private static int[] ints(String field) {
    byte[] bytes = Base64.getUrlDecoder().decode(field);
    if (bytes.length % Integer.BYTES != 0) {
      throw new IllegalArgumentException("hash list of " + bytes.length + " bytes");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    int[] values = new int[bytes.length / Integer.BYTES];
    for (int i = 0; i < values.length; i++) {
      values[i] = buffer.getInt();
    }
    return values;
  }

  private static SortedSet<String> frozen(Collection<String> values) {
    return Collections.unmodifiableSortedSet(new TreeSet<>(values));
  }

  private static int[] sortedUnique(int[] values) {
    return Arrays.stream(values).sorted().distinct().toArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GuardFeatures other
        && words == other.words
        && negations == other.negations
        && numbers.equals(other.numbers)
        && dates.equals(other.dates)
        && entities.equals(other.entities)
        && weakEntities.equals(other.weakEntities)
        && polarity.equals(other.polarity)
        && Arrays.equals(stems, other.stems)
        && Arrays.equals(negatedRoots, other.negatedRoots);
  }

  @Override
  public int hashCode() {
    return Objects.hash(words, negations, numbers, dates, entities, Arrays.hashCode(stems));
  }

  @Override
  public String toString() {
    return "GuardFeatures[words="
        + words
        + ", negations="
        + negations
        + ", numbers="
        + numbers
        + ", dates="
        + dates
        + ", entities="
        + entities
        + ", weakEntities="
        + weakEntities
        + ", polarity="
        + polarity.size()
        + ", stems="
        + stems.length
        + "]";
  }
}
