package io.precis.chunking.clean;

import io.precis.core.config.CleaningSettings;
import java.util.Arrays;

/**
 * The first pass of cleaning one document: for every line, its fingerprint, its shape and how it
 * may be removed; and for every shape of short plain-text line, how its lines repeat in the
 * document. The second pass walks the lines in the same order and asks by line number.
 *
 * <p>A repeated shape is a running header or footer, and so removable after its first line, when
 * its lines are identical, or when they differ only in their numbers but stand apart, at least
 * {@link #MIN_GAP} lines from each other, as page furniture does. Lines that differ only in their
 * numbers and stand together ("Revenue 2023: 1,204" above "Revenue 2024: 1,310") are data and stay.
 */
final class LineInventory {
  /** How a line may be removed. */
  enum Removal {
    /** Never: blank, too long, or a table row. */
    NEVER,
    /**
     * Only as cross-document boilerplate: a list item or heading, where repeats are legitimate, or
     * a single word.
     */
    AS_BOILERPLATE,
    /**
     * As boilerplate or as a repeat within the document: a short line of plain text of several
     * words. A single word repeated ("try:", "}", "True", "Note") is usually code or a label, and a
     * lone page number costs a token or two.
     */
    AS_BOILERPLATE_OR_REPEAT
  }

  private static final Removal[] REMOVALS = Removal.values();

  /** Lines between two lines of one shape for them to count as page furniture. */
  static final int MIN_GAP = 4;

  /** How the lines of one shape repeat. */
  private static final class Repeats {
    int count;
    long firstFingerprint;
    boolean identical = true;
    int lastLine;
    int minGap = Integer.MAX_VALUE;
  }

  private long[] fingerprints = new long[64];
  private long[] shapes = new long[64];
  private byte[] removals = new byte[64];
  private int lines;
  private final java.util.Map<Long, Repeats> repeats = new java.util.HashMap<>();

  /**
   * How a line the hasher has just scanned as short may be removed, by its structure: never a table
   * row. The learning pass ({@link LineFingerprints}) keeps the same lines as candidates, so what
   * it learns is what cleaning can remove.
   */
  static Removal removal(LineHasher hasher, String text, int start, int end) {
    return switch (LineStructure.of(text, start, end)) {
      case TABLE_ROW -> Removal.NEVER;
      case LIST_ITEM, HEADING -> Removal.AS_BOILERPLATE;
      case TEXT ->
          hasher.severalWords() ? Removal.AS_BOILERPLATE_OR_REPEAT : Removal.AS_BOILERPLATE;
    };
  }

  /** Takes stock of the lines of {@code text}. */
  static LineInventory of(String text, CleaningSettings settings) {
    LineInventory inventory = new LineInventory();
    LineHasher hasher = new LineHasher();
    int maxLength = settings.maxBoilerplateLineLength();
    for (int start = 0; start <= text.length(); ) {
      int end = Lines.end(text, start);
      Removal removal = Removal.NEVER;
      long fingerprint = 0;
      long shape = 0;
      if (hasher.scanShort(text, start, end, maxLength)) {
        fingerprint = hasher.fingerprint();
        shape = hasher.shape();
        removal = removal(hasher, text, start, end);
      }
      inventory.add(fingerprint, shape, removal);
      start = Lines.next(text, end);
    }
    return inventory;
  }

  /** The number of lines. */
  int lines() {
    return lines;
  }

  /** How the line with this number (from 0) may be removed. */
  Removal removal(int line) {
    return REMOVALS[removals[line]];
  }

  /** The fingerprint of the line with this number; meaningless when it may never be removed. */
  long fingerprint(int line) {
    return fingerprints[line];
  }

  /** The shape of the line with this number; meaningless when it may never be removed. */
  long shape(int line) {
    return shapes[line];
  }

  /**
   * Whether the plain-text short lines of this shape repeat as page furniture does: at least {@code
   * minimumCount} of them, identical or standing apart.
   */
  boolean repeatsAsFurniture(long shape, int minimumCount) {
    Repeats found = repeats.get(shape);
    return found != null
        && found.count >= minimumCount
        && (found.identical || found.minGap >= MIN_GAP);
  }

  private void add(long fingerprint, long shape, Removal removal) {
    if (lines == fingerprints.length) {
      fingerprints = Arrays.copyOf(fingerprints, lines * 2);
      shapes = Arrays.copyOf(shapes, lines * 2);
      removals = Arrays.copyOf(removals, lines * 2);
    }
    fingerprints[lines] = fingerprint;
    shapes[lines] = shape;
    removals[lines] = (byte) removal.ordinal();
    if (removal == Removal.AS_BOILERPLATE_OR_REPEAT) {
      Repeats found = repeats.computeIfAbsent(shape, key -> new Repeats());
      if (found.count == 0) {
        found.firstFingerprint = fingerprint;
      } else {
        found.identical &= found.firstFingerprint == fingerprint;
        found.minGap = Math.min(found.minGap, lines - found.lastLine);
      }
      found.count++;
      found.lastLine = lines;
    }
    lines++;
  }
}
