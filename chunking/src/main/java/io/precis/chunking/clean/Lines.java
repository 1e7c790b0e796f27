package io.precis.chunking.clean;

/**
 * Walks the lines of a text without copying them. A line ends at {@code \n}, {@code \r\n} or a lone
 * {@code \r}, as in {@link String#lines()}. The walk is:
 *
 * <pre>{@code
 * for (int start = 0; start <= text.length(); ) {
 *   int end = Lines.end(text, start);
 *   // the line is text[start, end)
 *   start = Lines.next(text, end);
 * }
 * }</pre>
 */
final class Lines {
  private Lines() {}

  /** The index just past the last character of the line that begins at {@code start}. */
  static int end(String text, int start) {
    int i = start;
    int length = text.length();
    while (i < length) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        return i;
      }
      i++;
    }
    return i;
  }

  /**
   * Where the line after the one ending at {@code end} begins; past the text's length at the end.
   */
  static int next(String text, int end) {
    int length = text.length();
    if (end >= length) {
      return length + 1;
    }
    if (text.charAt(end) == '\r' && end + 1 < length && text.charAt(end + 1) == '\n') {
      return end + 2;
    }
    return end + 1;
  }
}
