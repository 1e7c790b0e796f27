package io.precis.chunking.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A block of structured text, as {@code parse.StructuredTextHandler} and Markdown write them: a
 * heading line, a table (rows of {@code | a | b |}), a list (items), or prose. Blocks are separated
 * by blank lines.
 */
record Block(Kind kind, String text) {
  enum Kind {
    HEADING,
    TABLE,
    LIST,
    TEXT
  }

  private static final Pattern HEADING_LINE = Pattern.compile("^#{1,6} \\S.*");
  private static final Pattern BLANKS = Pattern.compile("[\\t\\u00A0 ]+");
  private static final Pattern LIST_ITEM = Pattern.compile("^\\s*([-*+]|\\d{1,3}[.)])\\s+.*");

  /** The blocks of a text, in order; a heading line that opens a block becomes its own block. */
  static List<Block> of(String text) {
    List<Block> blocks = new ArrayList<>();
    for (String raw : text.split("\\n\\s*\\n")) {
      List<String> lines = raw.lines().map(Block::normalize).filter(l -> !l.isEmpty()).toList();
      int first = 0;
      while (first < lines.size() && isHeading(lines.get(first))) {
        blocks.add(new Block(Kind.HEADING, lines.get(first)));
        first++;
      }
      if (first < lines.size()) {
        List<String> rest = lines.subList(first, lines.size());
        blocks.add(new Block(kindOf(rest), String.join("\n", rest)));
      }
    }
    return blocks;
  }

  /** The parts a block may be cut into when it is too big for a chunk, and how they join. */
  String joiner() {
    return kind == Kind.TEXT ? " " : "\n";
  }

  private static Kind kindOf(List<String> lines) {
    if (lines.stream().allMatch(line -> line.startsWith("|"))) {
      return Kind.TABLE;
    }
    if (lines.stream().allMatch(line -> LIST_ITEM.matcher(line).matches())) {
      return Kind.LIST;
    }
    return Kind.TEXT;
  }

  private static boolean isHeading(String line) {
    return line.length() <= 300 && HEADING_LINE.matcher(line).matches();
  }

  private static String normalize(String line) {
    return BLANKS.matcher(line).replaceAll(" ").strip();
  }
}
