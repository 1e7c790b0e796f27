package io.precis.chunking.clean;

/**
 * The structural role of a line in the parsed text format: a table row ({@code | a | b |}: it opens
 * with a pipe and holds another), a list item ({@code - x}, {@code * x}, {@code + x}, {@code • x},
 * {@code 1. x}, {@code 1) x}), a heading ({@code # Title}), or plain text. Repetition is legitimate
 * in the first three, so cleaning treats them with care.
 */
enum LineStructure {
  TABLE_ROW,
  LIST_ITEM,
  HEADING,
  TEXT;

  private static final int MAX_ORDINAL_DIGITS = 9;

  /** The role of the line {@code text[start, end)}, judged after its leading indentation. */
  static LineStructure of(String text, int start, int end) {
    int i = start;
    while (i < end && !Characters.isVisible(text.charAt(i))) {
      i++;
    }
    if (i == end) {
      return TEXT;
    }
    char first = text.charAt(i);
    if (first == '|') {
      // A lone "|" is a separator of navigation links, not a table.
      return holds(text, '|', i + 1, end) ? TABLE_ROW : TEXT;
    }
    if (first == '#') {
      return HEADING;
    }
    if (first == '-' || first == '*' || first == '+' || first == '\u2022') {
      return followedBySpace(text, i + 1, end) ? LIST_ITEM : TEXT;
    }
    int digits = 0;
    while (i + digits < end && isAsciiDigit(text.charAt(i + digits))) {
      digits++;
    }
    if (digits > 0 && digits <= MAX_ORDINAL_DIGITS && i + digits < end) {
      char after = text.charAt(i + digits);
      if ((after == '.' || after == ')') && followedBySpace(text, i + digits + 1, end)) {
        return LIST_ITEM;
      }
    }
    return TEXT;
  }

  private static boolean holds(String text, char wanted, int from, int end) {
    for (int i = from; i < end; i++) {
      if (text.charAt(i) == wanted) {
        return true;
      }
    }
    return false;
  }

  private static boolean followedBySpace(String text, int index, int end) {
    return index < end && Characters.isSpace(text.charAt(index));
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
