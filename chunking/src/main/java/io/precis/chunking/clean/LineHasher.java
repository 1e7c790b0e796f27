package io.precis.chunking.clean;

/**
 * Hashes one line in its normalized form without building that form: trimmed, runs of spaces as one
 * space, invisible characters dropped, case folded, and every run of digits as one {@code 0} (so
 * "Page 3 of 12" and "Page 10 of 12" hash alike). The hash is FNV-1a 64 over the UTF-8 bytes of the
 * normalized form, finished with MurmurHash3's 64-bit mixer so that every input bit reaches every
 * output bit. Not thread-safe: one instance per thread, reused line after line.
 */
final class LineHasher {
  private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private long state;
  private long fingerprint;
  private boolean severalWords;

  /**
   * Hashes the line {@code text[start, end)} if it is short: not blank, and at most {@code
   * maxLength} code points long once trimmed and with its runs of spaces collapsed (digits counted
   * one by one). Stops reading as soon as the line proves too long. Returns whether the line is
   * short; if so, {@link #fingerprint()} is its fingerprint.
   */
  boolean scanShort(String text, int start, int end, int maxLength) {
    state = FNV_OFFSET_BASIS;
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
          addByte('0');
          inDigits = true;
        }
        continue;
      }
      inDigits = false;
      if (printableAscii) {
        addByte(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
      } else {
        addCodePoint(Character.toLowerCase(Character.toUpperCase(codePoint)));
      }
    }
    fingerprint = mix(state);
    return length > 0;
  }

  /** The 64-bit fingerprint of the last line that {@link #scanShort} found short. */
  long fingerprint() {
    return fingerprint;
  }

  /** Whether the last line that {@link #scanShort} found short holds a space between words. */
  boolean severalWords() {
    return severalWords;
  }

  private void addCodePoint(int codePoint) {
    if (codePoint < 0x80) {
      addByte(codePoint);
    } else if (codePoint < 0x800) {
      addByte(0xC0 | (codePoint >>> 6));
      addByte(0x80 | (codePoint & 0x3F));
    } else if (codePoint < 0x10000) {
      // Lone surrogates land here too: hashed as their 3-byte form, which is deterministic.
      addByte(0xE0 | (codePoint >>> 12));
      addByte(0x80 | ((codePoint >>> 6) & 0x3F));
      addByte(0x80 | (codePoint & 0x3F));
    } else {
      addByte(0xF0 | (codePoint >>> 18));
      addByte(0x80 | ((codePoint >>> 12) & 0x3F));
      addByte(0x80 | ((codePoint >>> 6) & 0x3F));
      addByte(0x80 | (codePoint & 0x3F));
    }
  }

  private void addByte(int value) {
    state = (state ^ (value & 0xFF)) * FNV_PRIME;
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
