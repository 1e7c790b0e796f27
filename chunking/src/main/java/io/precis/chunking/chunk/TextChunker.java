package io.precis.chunking.chunk;

import io.precis.core.config.ChunkingSettings;
import io.precis.core.model.Chunk;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a document's text into chunks of at most {@code max-tokens} tokens. Paragraphs (blocks
 * separated by blank lines) are packed whole while they fit; a paragraph too big for a chunk is
 * split at sentence boundaries; a sentence too big is cut at a token boundary. With an overlap, the
 * last whole sentences of a chunk (up to {@code overlap-tokens}) open the next one. Every chunk is
 * measured as the exact text it holds, so no chunk ever exceeds the maximum.
 */
public final class TextChunker {
  private static final String PARAGRAPH_BREAK = "\n\n";

  private final TokenCounter tokens;
  private final int maxTokens;
  private final int overlapTokens;

  public TextChunker(TokenCounter tokens, ChunkingSettings settings) {
    this.tokens = tokens;
    this.maxTokens = settings.maxTokens();
    this.overlapTokens = settings.overlapTokens();
  }

  public List<Chunk> chunk(String docId, String text) {
    List<String> texts = new ArrayList<>();
    Builder current = new Builder();
    for (String paragraph : paragraphs(text)) {
      if (!current.fits(paragraph, PARAGRAPH_BREAK) && !current.isEmpty()) {
        current = current.close(texts);
      }
      if (current.fits(paragraph, PARAGRAPH_BREAK)) {
        current.add(paragraph, PARAGRAPH_BREAK);
        continue;
      }
      // Too big for any chunk: go sentence by sentence.
      String separator = PARAGRAPH_BREAK;
      for (String piece : pieces(paragraph)) {
        if (!current.fits(piece, separator)) {
          current = current.close(texts);
        }
        if (!current.fits(piece, separator)) {
          current = new Builder(); // the overlap and this piece together are too big
        }
        current.add(piece, separator);
        separator = " ";
      }
    }
    current.close(texts);
    List<Chunk> chunks = new ArrayList<>(texts.size());
    for (int ordinal = 0; ordinal < texts.size(); ordinal++) {
      String chunkText = texts.get(ordinal);
      chunks.add(Chunk.of(docId, ordinal, chunkText, tokens.count(chunkText)));
    }
    return chunks;
  }

  /** Blocks of text separated by blank lines, whitespace-normalized within lines. */
  static List<String> paragraphs(String text) {
    List<String> paragraphs = new ArrayList<>();
    for (String block : text.split("\\n\\s*\\n")) {
      String paragraph =
          block
              .lines()
              .map(TextChunker::normalizeLine)
              .filter(l -> !l.isEmpty())
              .reduce((a, b) -> a + "\n" + b)
              .orElse("");
      if (!paragraph.isEmpty()) {
        paragraphs.add(paragraph);
      }
    }
    return paragraphs;
  }

  private static String normalizeLine(String line) {
    return line.replaceAll("[\\s\\u00A0]+", " ").strip();
  }

  /** The sentences of a paragraph, each cut further at token boundaries if too big alone. */
  private List<String> pieces(String paragraph) {
    List<String> pieces = new ArrayList<>();
    for (String sentence : sentences(paragraph)) {
      String rest = sentence;
      while (tokens.count(rest) > maxTokens) {
        String head = tokens.prefix(rest, maxTokens);
        if (head.isEmpty()) {
          head = rest.substring(0, 1);
        }
        pieces.add(head.strip());
        rest = rest.substring(head.length()).strip();
      }
      if (!rest.isEmpty()) {
        pieces.add(rest);
      }
    }
    return pieces;
  }

  static List<String> sentences(String paragraph) {
    BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ROOT);
    iterator.setText(paragraph);
    List<String> sentences = new ArrayList<>();
    int start = iterator.first();
    for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
      String sentence = paragraph.substring(start, end).strip();
      if (!sentence.isEmpty()) {
        sentences.add(sentence);
      }
    }
    return sentences;
  }

  /** The chunk being filled: its text, and the sentences an overlap may carry to the next one. */
  private final class Builder {
    private final StringBuilder text = new StringBuilder();
    private boolean hasNewContent;

    boolean isEmpty() {
      return !hasNewContent;
    }

    boolean fits(String piece, String separator) {
      String candidate = text.length() == 0 ? piece : text + separator + piece;
      return tokens.count(candidate) <= maxTokens;
    }

    void add(String piece, String separator) {
      if (text.length() > 0) {
        text.append(separator);
      }
      text.append(piece);
      hasNewContent = true;
    }

    /** Emits this chunk if it holds new text; returns the next builder, seeded with the overlap. */
    Builder close(List<String> out) {
      Builder next = new Builder();
      if (!hasNewContent) {
        return next;
      }
      String chunk = text.toString();
      out.add(chunk);
      if (overlapTokens > 0) {
        next.text.append(overlap(chunk));
      }
      return next;
    }

    private String overlap(String chunk) {
      List<String> sentences = sentences(chunk.replace('\n', ' '));
      String tail = "";
      for (int i = sentences.size() - 1; i > 0; i--) {
        String candidate = tail.isEmpty() ? sentences.get(i) : sentences.get(i) + " " + tail;
        if (tokens.count(candidate) > overlapTokens) {
          break;
        }
        tail = candidate;
      }
      return tail;
    }
  }
}
