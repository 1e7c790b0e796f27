package io.precis.chunking.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.tika.exception.WriteLimitReachedException;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns the XHTML that Tika emits for any format into plain text that keeps the structure the
 * chunker needs: headings as {@code # Title} lines, paragraphs separated by a blank line, list
 * items as {@code - item} lines, table rows as {@code | cell | cell |} lines. Text beyond the
 * character limit is cut, and the parse is stopped with Tika's {@link WriteLimitReachedException}.
 */
final class StructuredTextHandler extends DefaultHandler {
  /** Whitespace and pipes in a table cell, which would read as a column break. */
  private static final java.util.regex.Pattern CELL_SPACE =
      java.util.regex.Pattern.compile("[\\s|]+");

  private final StringBuilder out = new StringBuilder();
  private final long limit;
  private boolean truncated;

  private int skipDepth; // inside script, style, head...
  private int listDepth;
  private int tableDepth;
  private List<String> row;
  private StringBuilder cell;

  StructuredTextHandler(long limit) {
    this.limit = limit;
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes attributes)
      throws SAXException {
    String name = name(localName, qName);
    if (skipDepth > 0 || isSkipped(name)) {
      skipDepth++;
      return;
    }
    if (tableDepth > 1 || (cell != null && !name.equals("td") && !name.equals("th"))) {
      if (name.equals("br") || name.equals("p")) {
        cell.append(' ');
      }
      if (name.equals("table")) {
        tableDepth++;
      }
      return; // structure inside a cell is flattened into the cell
    }
    switch (name) {
      case "h1", "h2", "h3", "h4", "h5", "h6" -> {
        blockBreak();
        append("#".repeat(name.charAt(1) - '0') + " ");
      }
      case "p", "div", "blockquote", "section", "article", "dd", "dt", "address" -> blockBreak();
      case "ul", "ol" -> {
        if (listDepth == 0) {
          blockBreak();
        }
        listDepth++;
      }
      case "li" -> {
        lineBreak();
        append("  ".repeat(Math.max(0, listDepth - 1)) + "- ");
      }
      case "table" -> {
        blockBreak();
        tableDepth++;
      }
      case "tr" -> row = new ArrayList<>();
      case "td", "th" -> cell = new StringBuilder();
      case "br" -> append("\n");
      case "pre" -> blockBreak();
      default -> {}
    }
  }

  @Override
  public void endElement(String uri, String localName, String qName) throws SAXException {
    String name = name(localName, qName);
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    if (tableDepth > 1) {
      if (name.equals("table")) {
        tableDepth--;
      }
      return;
    }
    switch (name) {
      case "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "p",
          "div",
          "blockquote",
          "section",
          "article",
          "dd",
          "dt",
          "address" ->
          blockBreak();
      case "ul", "ol" -> {
        listDepth = Math.max(0, listDepth - 1);
        if (listDepth == 0) {
          blockBreak();
        }
      }
      case "li" -> lineBreak();
      case "td", "th" -> {
        if (row != null && cell != null) {
          row.add(CELL_SPACE.matcher(cell).replaceAll(" ").strip());
        }
        cell = null;
      }
      case "tr" -> {
        if (row != null && !row.isEmpty() && row.stream().anyMatch(c -> !c.isEmpty())) {
          lineBreak();
          append("| " + String.join(" | ", row) + " |\n");
        }
        row = null;
      }
      case "table" -> {
        tableDepth = Math.max(0, tableDepth - 1);
        blockBreak();
      }
      case "pre" -> blockBreak();
      default -> {}
    }
  }

  @Override
  public void characters(char[] chars, int start, int length) throws SAXException {
    if (skipDepth > 0 || length == 0) {
      return;
    }
    if (cell != null) {
      cell.append(chars, start, length);
      return;
    }
    append(new String(chars, start, length));
  }

  /** The text so far. */
  String text() {
    return out.toString().strip();
  }

  boolean truncated() {
    return truncated;
  }

  private void append(String text) throws SAXException {
    if (truncated) {
      return;
    }
    long room = limit - out.length();
    if (text.length() > room) {
      out.append(text, 0, (int) Math.max(0, room));
      truncated = true;
      throw new WriteLimitReachedException((int) Math.min(Integer.MAX_VALUE, limit));
    }
    out.append(text);
  }

  /** Ends the current line, unless it is already ended. */
  private void lineBreak() throws SAXException {
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      append("\n");
    }
  }

  /** Ends the current block with a blank line, unless it is already ended. */
  private void blockBreak() throws SAXException {
    if (out.length() == 0) {
      return;
    }
    lineBreak();
    if (out.length() > 1 && out.charAt(out.length() - 2) != '\n') {
      append("\n");
    }
  }

  private static boolean isSkipped(String name) {
    return switch (name) {
      case "script", "style", "noscript", "head", "title", "template" -> true;
      default -> false;
    };
  }

  private static String name(String localName, String qName) {
    String name = localName == null || localName.isEmpty() ? qName : localName;
    return name.toLowerCase(Locale.ROOT);
  }
}
