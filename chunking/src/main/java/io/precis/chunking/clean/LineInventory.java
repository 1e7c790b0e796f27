package io.precis.chunking.clean;

import io.precis.core.config.CleaningSettings;
import java.util.Arrays;

/**
 * The first pass of cleaning one document: for every line, its fingerprint and how it may be
 * removed; and for every short plain-text line, how often it occurs in the document. The second
 * pass walks the lines in the same order and asks {@link #removal} by line number.
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

  private long[] fingerprints = new long[64];
  private byte[] removals = new byte[64];
  private int lines;
  private final LongIntCounter repeats = new LongIntCounter(32);

  /** Takes stock of the lines of {@code text}. */
  static LineInventory of(String text, CleaningSettings settings) {
    LineInventory inventory = new LineInventory();
    LineHasher hasher = new LineHasher();
    int maxLength = settings.maxBoilerplateLineLength();
    for (int start = 0; start <= text.length(); ) {
      int end = Lines.end(text, start);
      Removal removal = Removal.NEVER;
      long fingerprint = 0;
      if (hasher.scanShort(text, start, end, maxLength)) {
        fingerprint = hasher.fingerprint();
        removal =
            switch (LineStructure.of(text, start, end)) {
              case TABLE_ROW -> Removal.NEVER;
              case LIST_ITEM, HEADING -> Removal.AS_BOILERPLATE;
              case TEXT ->
                  hasher.severalWords() ? Removal.AS_BOILERPLATE_OR_REPEAT : Removal.AS_BOILERPLATE;
            };
      }
      inventory.add(fingerprint, removal);
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

  /** How many plain-text short lines of the document share this fingerprint. */
  int occurrences(long fingerprint) {
    return repeats.count(fingerprint);
  }

  private void add(long fingerprint, Removal removal) {
    if (lines == fingerprints.length) {
      fingerprints = Arrays.copyOf(fingerprints, lines * 2);
      removals = Arrays.copyOf(removals, lines * 2);
    }
    fingerprints[lines] = fingerprint;
    removals[lines] = (byte) removal.ordinal();
    lines++;
    if (removal == Removal.AS_BOILERPLATE_OR_REPEAT) {
      repeats.increment(fingerprint);
    }
  }
}
