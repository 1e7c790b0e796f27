package io.precis.chunking.clean;

/**
 * Hashes one line in its normalized form without building that form: trimmed, runs of spaces as one
 * space, invisible characters dropped, case folded. It gives two fingerprints: the {@link
 * #fingerprint() exact} one, and the {@link #shape() shape}, in which every run of digits counts as
 * one {@code 0} (so "Page 3 of 12" and "Page 10 of 12" have one shape but two fingerprints). Each
 * is FNV-1a 64 over the UTF-8 bytes of its normalized form, finished with MurmurHash3's 64-bit
 * mixer so that every input bit reaches every output bit. Not thread-safe: one instance per thread,
 * reused line after line.
 */
final class LineHasher {
  private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private long state;
  private long exactState;
  private long fingerprint;
  private long shape;
  private boolean severalWords;

  /**
   * Hashes the line {@code text[start, end)} if it is short: not blank, and at most {@code
   * maxLength} code points long once trimmed and with its runs of spaces collapsed (digits counted
   * one by one). Stops reading as soon as the line proves too long. Returns whether the line is
   * short; if so, {@link #fingerprint()} is its fingerprint.
   */
  boolean scanShort(String text, int start, int end, int maxLength) {
    state = FNV_OFFSET_BASIS;
    exactState = FNV_OFFSET_BASIS;
    int length = 0;
    boolean pendingSpace = false;
    severalWords = false;
    boolean inDigits = false;
    int i = start;
    while (i < end) {
      char c = text.charAt(i);
      boolean printableAscii = c > ' ' && c < 0x7F; // most of any text: the fast path
      if (!printableAscii) {
        if (Characters.isInvisible(c)) {
          i++;
          continue;
        }
        if (Characters.isSpace(c)) {
          pendingSpace = length > 0;
          i++;
          continue;
        }
      }
      if (pendingSpace) {
        severalWords = true;
        addByte(' ');
        length++;
        pendingSpace = false;
        inDigits = false;
      }
      if (++length > maxLength) {
        return false;
      }
      int codePoint = c;
      if (Character.isHighSurrogate(c)
          && i + 1 < end
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        codePoint = Character.toCodePoint(c, text.charAt(i + 1));
      }
      i += Character.charCount(codePoint);
      if (printableAscii ? c >= '0' && c <= '9' : Character.isDigit(codePoint)) {
        if (!inDigits) {
          addShapeByte('0');
          inDigits = true;
        }
        addExactCodePoint(codePoint);
        continue;
      }
      inDigits = false;
      if (printableAscii) {
        addByte(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
      } else {
        addCodePoint(Character.toLowerCase(Character.toUpperCase(codePoint)));
      }
    }
    fingerprint = mix(exactState);
    shape = mix(state);
    return length > 0;
  }

  /** The exact fingerprint of the last line that {@link #scanShort} found short. */
  long fingerprint() {
    return fingerprint;
  }

  /** The shape (digits as one {@code 0} a run) of the last line {@link #scanShort} found short. */
  long shape() {
    return shape;
  }

  /** Whether the last line that {@link #scanShort} found short holds a space between words. */
  boolean severalWords() {
    return severalWords;
  }

  /** Adds a digit: to the exact form only (the shape has its one {@code 0} a run). */
  private void addExactCodePoint(int codePoint) {
    exactState = hash(exactState, codePoint);
  }

  private void addShapeByte(int value) {
    state = hashByte(state, value);
  }

  /** Adds a character that is not a digit: the same in both forms. */
  private void addCodePoint(int codePoint) {
    state = hash(state, codePoint);
    exactState = hash(exactState, codePoint);
  }

  /** Adds a byte of a character that is not a digit: the same in both forms. */
  private void addByte(int value) {
    state = hashByte(state, value);
    exactState = hashByte(exactState, value);
  }

  /** FNV-1a over the UTF-8 bytes of the code point. */
  private static long hash(long state, int codePoint) {
    long h = state;
    if (codePoint < 0x80) {
      h = hashByte(h, codePoint);
    } else if (codePoint < 0x800) {
      h = hashByte(h, 0xC0 | (codePoint >>> 6));
      h = hashByte(h, 0x80 | (codePoint & 0x3F));
    } else if (codePoint < 0x10000) {
      // Lone surrogates land here too: hashed as their 3-byte form, which is deterministic.
      h = hashByte(h, 0xE0 | (codePoint >>> 12));
      h = hashByte(h, 0x80 | ((codePoint >>> 6) & 0x3F));
      h = hashByte(h, 0x80 | (codePoint & 0x3F));
    } else {
      h = hashByte(h, 0xF0 | (codePoint >>> 18));
      h = hashByte(h, 0x80 | ((codePoint >>> 12) & 0x3F));
      h = hashByte(h, 0x80 | ((codePoint >>> 6) & 0x3F));
      h = hashByte(h, 0x80 | (codePoint & 0x3F));
    }
    return h;
  }

  private static long hashByte(long state, int value) {
    return (state ^ (value & 0xFF)) * FNV_PRIME;
  }

  /** MurmurHash3's fmix64 finalizer. */
  private static long mix(long value) {
    long h = value;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
