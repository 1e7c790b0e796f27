package io.precis.chunking.chunk;

import io.precis.core.config.ChunkingSettings;
import io.precis.core.model.Chunk;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a document's structured text into chunks of at most {@code chunking.max-tokens} tokens,
 * following its structure: blocks (paragraphs, tables, lists) are packed whole while they fit; a
 * heading starts a new chunk once the current one is half full, and never ends a chunk; a table or
 * list too big for a chunk is cut between rows or items, a paragraph between sentences (Lucene's
 * sentence segmentation), and a sentence too big alone at a token boundary. With an overlap, the
 * last whole sentences of a chunk (up to {@code chunking.overlap-tokens}) open the next one. Every
 * chunk is measured as the exact text it holds, so no chunk ever exceeds the maximum. Not
 * thread-safe: one per worker thread.
 */
public final class TextChunker {
  private static final String BLOCK_BREAK = "\n\n";

  private final TokenCounter tokens;
  private final int maxTokens;
  private final int overlapTokens;
  private final MinHasher minHasher;
  private final SentenceSplitter sentences = new SentenceSplitter();
  private final java.util.Map<String, Integer> separatorTokens = new java.util.HashMap<>();

  public TextChunker(TokenCounter tokens, ChunkingSettings settings) {
    this.tokens = tokens;
    this.maxTokens = settings.maxTokens();
    this.overlapTokens = settings.overlapTokens();
    this.minHasher = new MinHasher(settings.minhashHashes(), settings.minhashShingleWords());
  }

  public List<Chunk> chunk(String docId, String text) {
    List<Piece> texts = new ArrayList<>();
    Builder current = new Builder();
    for (Block block : Block.of(text)) {
      Piece whole = piece(block.text());
      if (block.kind() == Block.Kind.HEADING
          && current.hasContent()
          && current.tokens() >= maxTokens / 2) {
        current = current.close(texts);
      }
      if (!current.fits(whole, BLOCK_BREAK) && current.hasContent()) {
        current = current.close(texts);
      }
      if (current.fits(whole, BLOCK_BREAK)) {
        current.add(whole, BLOCK_BREAK, block.kind() == Block.Kind.HEADING);
        continue;
      }
      String separator = BLOCK_BREAK;
      for (Piece piece : pieces(block)) {
        if (!current.fits(piece, separator)) {
          current = current.close(texts);
        }
        if (!current.fits(piece, separator)) {
          current = new Builder(); // what the last chunk carried over and this piece do not fit
        }
        current.add(piece, separator, false);
        separator = block.joiner();
      }
    }
    current.close(texts);
    List<Chunk> chunks = new ArrayList<>(texts.size());
    for (int ordinal = 0; ordinal < texts.size(); ordinal++) {
      Piece chunk = texts.get(ordinal);
      chunks.add(
          Chunk.of(
              docId, ordinal, chunk.text(), chunk.tokens(), minHasher.signature(chunk.text())));
    }
    return chunks;
  }

  /** A piece of text with its token count, counted once. */
  private record Piece(String text, int tokens) {}

  private Piece piece(String text) {
    return new Piece(text, tokens.count(text));
  }

  private int separatorTokens(String separator) {
    return separatorTokens.computeIfAbsent(separator, tokens::count);
  }

  /** The sentences of a paragraph, as {@link SentenceTokenizer} finds them. */
  List<String> sentences(String paragraph) {
    return sentences.split(paragraph);
  }

  /**
   * The parts of a block too big for one chunk: rows of a table, items of a list, sentences of
   * prose; each part still too big is cut at token boundaries.
   */
  private List<Piece> pieces(Block block) {
    List<String> parts =
        block.kind() == Block.Kind.TEXT || block.kind() == Block.Kind.HEADING
            ? sentences.split(block.text().replace('\n', ' '))
            : block.text().lines().toList();
    List<Piece> pieces = new ArrayList<>();
    for (String part : parts) {
      String rest = part;
      int restTokens = tokens.count(rest);
      while (restTokens > maxTokens) {
        String head = tokens.prefix(rest, maxTokens);
        if (head.isEmpty()) {
          head = rest.substring(0, Character.charCount(rest.codePointAt(0)));
        }
        pieces.add(piece(head.strip()));
        rest = rest.substring(head.length()).strip();
        restTokens = tokens.count(rest);
      }
      if (!rest.isEmpty()) {
        pieces.add(new Piece(rest, restTokens));
      }
    }
    return pieces;
  }

  /**
   * The chunk being filled. It keeps a running estimate of its tokens (the sum of its parts' and
   * separators' counts) and measures the exact text only when the estimate comes near the maximum:
   * counting each candidate whole would make chunking quadratic in the chunk size. Closing checks
   * the exact count and, in the rare case where joining text made more tokens than its parts, hands
   * the last parts to the next chunk, so no chunk ever exceeds the maximum.
   */
  private final class Builder {
    /** Joins that may cost a token more than their parts, near the maximum. */
    private static final int MARGIN = 8;

    private final List<Part> parts = new ArrayList<>();
    private int estimate;

    private record Part(Piece piece, String separator, boolean heading, boolean overlap) {}

    boolean hasContent() {
      return parts.stream().anyMatch(part -> !part.heading() && !part.overlap());
    }

    int tokens() {
      return estimate;
    }

    boolean fits(Piece piece, String separator) {
      int next = estimate + (parts.isEmpty() ? 0 : separatorTokens(separator)) + piece.tokens();
      if (next <= maxTokens - MARGIN) {
        return true;
      }
      if (next > maxTokens + MARGIN) {
        return false;
      }
      return tokens.count(text() + (parts.isEmpty() ? "" : separator) + piece.text()) <= maxTokens;
    }

    void add(Piece piece, String separator, boolean heading) {
      add(new Part(piece, separator, heading, false));
    }

    private void add(Part part) {
      estimate += (parts.isEmpty() ? 0 : separatorTokens(part.separator())) + part.piece().tokens();
      parts.add(part);
    }

    private String text() {
      return text(parts);
    }

    private String text(List<Part> some) {
      StringBuilder text = new StringBuilder();
      for (Part part : some) {
        if (text.length() > 0) {
          text.append(part.separator());
        }
        text.append(part.piece().text());
      }
      return text.toString();
    }

    /**
     * Emits this chunk if it holds content, keeping headings that would end it (and parts the exact
     * count does not allow) for the next one; returns the next builder, opened with those or else
     * with the overlap.
     */
    Builder close(List<Piece> out) {
      Builder next = new Builder();
      if (!hasContent()) {
        if (parts.stream().anyMatch(Part::heading)) {
          out.add(piece(text())); // headings with nothing after them that fits: keep them
        }
        return next; // nothing, or only the overlap, which the last chunk already holds
      }
      int keep = parts.size();
      while (keep > 0 && parts.get(keep - 1).heading()) {
        keep--; // a heading never ends a chunk
      }
      Piece measured = piece(text(parts.subList(0, keep)).strip());
      while (keep > 1 && measured.tokens() > maxTokens) {
        keep--;
        measured = piece(text(parts.subList(0, keep)).strip());
      }
      String chunk = measured.text();
      out.add(measured);
      List<Part> carried = parts.subList(keep, parts.size());
      if (!carried.isEmpty()) {
        for (Part part : carried) {
          next.add(part);
        }
      } else if (overlapTokens > 0) {
        String overlap = overlap(chunk);
        if (!overlap.isEmpty()) {
          next.add(new Part(piece(overlap), BLOCK_BREAK, false, true));
        }
      }
      return next;
    }

    private String overlap(String chunk) {
      List<String> last = sentences.split(chunk.replace('\n', ' '));
      String tail = "";
      for (int i = last.size() - 1; i > 0; i--) {
        String candidate = tail.isEmpty() ? last.get(i) : last.get(i) + " " + tail;
        if (tokens.count(candidate) > overlapTokens) {
          break;
        }
        tail = candidate;
      }
      return tail;
    }
  }
}
