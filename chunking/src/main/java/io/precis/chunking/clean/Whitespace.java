package io.precis.chunking.clean;

/**
 * Whitespace normalization of one line: invisible characters dropped, leading and trailing spaces
 * removed, every inner run of spaces and tabs (no-break spaces included) turned into one space.
 */
final class Whitespace {
  private Whitespace() {}

  /** The index of the first visible character of {@code text[start, end)}; {@code end} if blank. */
  static int firstVisible(String text, int start, int end) {
    int i = start;
    while (i < end && !Characters.isVisible(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Appends the normalized form of the line {@code text[start, end)} to {@code out}. */
  static void appendNormalized(String text, int start, int end, StringBuilder out) {
    boolean pendingSpace = false;
    boolean started = false;
    int i = start;
    while (i < end) {
      char c = text.charAt(i);
      if (Characters.isVisible(c)) {
        int runEnd = i + 1;
        while (runEnd < end && Characters.isVisible(text.charAt(runEnd))) {
          runEnd++;
        }
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(text, i, runEnd);
        started = true;
        i = runEnd;
      } else {
        if (Characters.isSpace(c)) {
          pendingSpace = started;
        }
        i++;
      }
    }
  }

  /** The normalized form of the line {@code text[start, end)}. */
  static String normalized(String text, int start, int end) {
    StringBuilder out = new StringBuilder(end - start);
    appendNormalized(text, start, end, out);
    return out.toString();
  }
}
