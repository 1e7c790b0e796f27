package io.precis.chunking.clean;

/** Which characters cleaning treats as spaces and which as invisible. */
final class Characters {
  private Characters() {}

  /**
   * Whether the character separates words: ASCII spaces and tabs, the other ASCII whitespace
   * controls, and every Unicode space separator, which includes the no-break spaces (U+00A0,
   * U+2007, U+202F) that {@link Character#isWhitespace} leaves out.
   */
  static boolean isSpace(char c) {
    if (c < 0x80) {
      return c == ' '
          || c == '\t'
          || c == '\u000B'
          || c == '\f'
          || (c >= '\u001C' && c <= '\u001F');
    }
    return Character.isSpaceChar(c);
  }

  /**
   * Whether the character has no width and no meaning to a reader: the ASCII control characters
   * that are not spaces, zero-width space, non-joiner, joiner, word joiner and the byte-order mark.
   * Tika passes them through from HTML and PDF; each costs a token.
   */
  static boolean isInvisible(char c) {
    if (c < 0x80) {
      return (c < ' ' && !isSpace(c)) || c == 0x7F;
    }
    return (c >= '\u200B' && c <= '\u200D') || c == '\u2060' || c == '\uFEFF';
  }

  /** Whether the character is neither a space nor invisible. */
  static boolean isVisible(char c) {
    if (c > ' ' && c < 0x7F) {
      return true;
    }
    return !isSpace(c) && !isInvisible(c);
  }
}
