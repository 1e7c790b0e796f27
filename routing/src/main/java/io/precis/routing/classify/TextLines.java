package io.precis.routing.classify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line-level {@link Feature}s of a text: rows and their shapes, short lines, list items,
 * key-value pairs, sentences, and which lines are prose.
 */
final class TextLines {
  private TextLines() {}

  private static final Pattern LIST_ITEM =
      Pattern.compile(
          "^\\s*(?:[-*•·+–]|\\d{1,3}[.)]|[a-zA-Z][.)]|\\(\\w{1,3}\\)|\\[[ xX]?\\])\\s+\\S");
  private static final Pattern KEY_VALUE =
      Pattern.compile("^\\s*\\p{L}[\\p{L}\\p{N} ._/()'-]{0,38}?\\s*[:=]\\s*\\S");
  // Two spaces after a sentence's full stop are not a column gap.
  private static final Pattern SPACE_GAP =
      Pattern.compile("[^\\s.!?](?: {2,})(?=\\S)|\\.{3,}\\s*(?=\\S)|…+\\s*(?=\\S)");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?;]+(?:\\s|$)");

  /** Table, list and key-value structure, line by line. */
  static void measure(String text, double[] values) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        lines.add(line.stripTrailing());
      }
    }
    if (lines.isEmpty()) {
      return;
    }
    String[] shapes = rowShapes(lines);
    int rows = 0;
    int shortLines = 0;
    int items = 0;
    int keyValues = 0;
    Map<String, Integer> shapeCounts = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (shapes[i] != null) {
        rows++;
        shapeCounts.merge(shapes[i], 1, Integer::sum);
      }
      if (line.strip().length() < 50) {
        shortLines++;
      }
      if (LIST_ITEM.matcher(line).find()) {
        items++;
      }
      if (KEY_VALUE.matcher(line).find()) {
        keyValues++;
      }
    }
    double n = lines.size();
    values[Feature.TABLE_ROWS.ordinal()] = rows / n;
    values[Feature.LIST_ITEMS.ordinal()] = items / n;
    values[Feature.KEY_VALUES.ordinal()] = keyValues / n;
    if (lines.size() >= 3) {
      int modal = shapeCounts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      values[Feature.ROW_SHAPE.ordinal()] = modal < 2 ? 0 : modal / n;
      values[Feature.SHORT_LINES.ordinal()] = shortLines / n;
    }
  }

  /**
   * The row shape of each line, null for a line that is not a row. A line split by commas or
   * semicolons counts only next to a line split the same way, as prose has commas too.
   */
  static String[] rowShapes(List<String> lines) {
    String[] shapes = new String[lines.size()];
    for (int i = 0; i < shapes.length; i++) {
      shapes[i] = rowShape(lines.get(i));
    }
    String[] kept = shapes.clone();
    for (int i = 0; i < shapes.length; i++) {
      if (shapes[i] != null && (shapes[i].startsWith(",") || shapes[i].startsWith(";"))) {
        boolean paired =
            (i > 0 && shapes[i].equals(shapes[i - 1]))
                || (i + 1 < shapes.length && shapes[i].equals(shapes[i + 1]));
        kept[i] = paired ? shapes[i] : null;
      }
    }
    return kept;
  }

  /**
   * The shape of a line split into cells, e.g. "|4" for four cells between pipes; null for a line
   * that is not a row. Commas and semicolons count only with three cells or more, all short.
   */
  static String rowShape(String line) {
    String trimmed = line.strip();
    int pipes = count(trimmed, '|');
    if (pipes >= 2 || (pipes == 1 && !trimmed.startsWith("|") && !trimmed.endsWith("|"))) {
      return "|" + (trimmed.replaceAll("^\\||\\|$", "").split("\\|", -1).length);
    }
    int tabs = count(trimmed, '\t');
    if (tabs >= 1) {
      return "t" + (tabs + 1);
    }
    for (char separator : new char[] {';', ','}) {
      String[] cells = trimmed.split(Pattern.quote(String.valueOf(separator)), -1);
      if (cells.length >= 3 && trimmed.length() / cells.length <= 24) {
        return separator + "" + cells.length;
      }
    }
    Matcher gaps = SPACE_GAP.matcher(trimmed);
    int gapCount = 0;
    while (gaps.find()) {
      gapCount++;
    }
    return gapCount >= 1 ? "s" + (gapCount + 1) : null;
  }

  /**
   * Sentences: stretches that hold a letter or digit, ended by . ! ? or ; or by the end of a line
   * that is short (under 50 characters), a row, a list item or a key-value pair. A long line that
   * runs on is hard-wrapped prose: its sentence goes on to the next line.
   */
  static int sentences(String text) {
    int count = 0;
    boolean open = false;
    for (String line : text.split("\n")) {
      String[] parts = SENTENCE_END.split(line, -1);
      for (int i = 0; i < parts.length; i++) {
        boolean words = parts[i].codePoints().anyMatch(Character::isLetterOrDigit);
        boolean last = i == parts.length - 1;
        if (!last) {
          // Ended by punctuation.
          if (words || open) {
            count++;
          }
          open = false;
        } else if (words) {
          open = true;
        }
      }
      if (open && endsSentence(line)) {
        count++;
        open = false;
      }
    }
    return open ? count + 1 : count;
  }

  private static boolean endsSentence(String line) {
    String shape = rowShape(line);
    return line.strip().length() < 50
        || (shape != null && !shape.startsWith(",") && !shape.startsWith(";"))
        || LIST_ITEM.matcher(line).find()
        || KEY_VALUE.matcher(line).find();
  }

  private static int count(String text, char c) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

  /** Which characters of a text are on prose lines; asked at increasing offsets. */
  static final class ProseLines {
    private final String text;
    private int lineStart;
    private int lineEnd = -1;
    private boolean prose;

    ProseLines(String text) {
      this.text = text;
    }

    boolean at(int offset) {
      while (offset > lineEnd && lineEnd < text.length()) {
        lineStart = lineEnd + 1;
        int end = text.indexOf('\n', lineStart);
        lineEnd = end < 0 ? text.length() : end;
        String line = text.substring(lineStart, lineEnd);
        String stripped = line.strip();
        prose =
            stripped.length() >= 50 && stripped.split("\\s+").length >= 6 && rowShape(line) == null;
      }
      return prose;
    }
  }

  private static double share(int part, int whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
