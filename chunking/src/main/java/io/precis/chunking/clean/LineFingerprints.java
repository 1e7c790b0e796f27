package io.precis.chunking.clean;

import io.precis.core.config.CleaningSettings;
import java.util.Arrays;
import java.util.Objects;

/**
 * The fingerprints of a document's short lines, the input to finding boilerplate across a corpus: a
 * job counts in how many documents each fingerprint appears and keeps the frequent ones in a {@link
 * BoilerplateSet}.
 *
 * <p>A line's fingerprint is a 64-bit hash of its normalized form: trimmed, runs of spaces
 * (no-break spaces included) as one space, zero-width characters dropped, case folded, so "Page 3
 * of 12" and "page 3 of 12 " share a fingerprint. Digits count: "Invoice 1041" and "Invoice 1042"
 * differ, because what makes a document of a templated corpus itself is its numbers. The hash is
 * FNV-1a 64 over the UTF-8 bytes, finished with MurmurHash3's mixer; it is part of the job's
 * contract, so it never changes between runs or machines.
 */
public final class LineFingerprints {
  private LineFingerprints() {}

  /**
   * The distinct fingerprints, in ascending order, of the document's boilerplate candidates: its
   * lines that are not blank, not table rows (a table's rows are its data, never boilerplate), and
   * at most {@code max-boilerplate-line-length} characters long once whitespace is collapsed. Empty
   * when cleaning is disabled.
   */
  public static long[] of(String text, CleaningSettings settings) {
    Objects.requireNonNull(text, "text is null");
    Objects.requireNonNull(settings, "settings is null");
    if (!settings.enabled()) {
      return new long[0];
    }
    LineHasher hasher = new LineHasher();
    long[] fingerprints = new long[64];
    int count = 0;
    for (int start = 0; start <= text.length(); ) {
      int end = Lines.end(text, start);
      if (hasher.scanShort(text, start, end, settings.maxBoilerplateLineLength())
          && LineInventory.removal(hasher, text, start, end) != LineInventory.Removal.NEVER) {
        if (count == fingerprints.length) {
          fingerprints = Arrays.copyOf(fingerprints, count * 2);
        }
        fingerprints[count++] = hasher.fingerprint();
      }
      start = Lines.next(text, end);
    }
    return distinctSorted(fingerprints, count);
  }

  /** The fingerprint of one line, whatever its length. */
  public static long of(String line) {
    Objects.requireNonNull(line, "line is null");
    LineHasher hasher = new LineHasher();
    hasher.scanShort(line, 0, line.length(), Integer.MAX_VALUE);
    return hasher.fingerprint();
  }

  private static long[] distinctSorted(long[] values, int count) {
    Arrays.sort(values, 0, count);
    int distinct = 0;
    for (int i = 0; i < count; i++) {
      if (distinct == 0 || values[distinct - 1] != values[i]) {
        values[distinct++] = values[i];
      }
    }
    return Arrays.copyOf(values, distinct);
  }
}
