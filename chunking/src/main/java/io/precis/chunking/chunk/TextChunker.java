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

  public TextChunker(TokenCounter tokens, ChunkingSettings settings) {
    this.tokens = tokens;
    this.maxTokens = settings.maxTokens();
    this.overlapTokens = settings.overlapTokens();
    this.minHasher = new MinHasher(settings.minhashHashes(), settings.minhashShingleWords());
  }

  public List<Chunk> chunk(String docId, String text) {
    List<String> texts = new ArrayList<>();
    Builder current = new Builder();
    for (Block block : Block.of(text)) {
      if (block.kind() == Block.Kind.HEADING
          && current.hasContent()
          && current.tokens() >= maxTokens / 2) {
        current = current.close(texts);
      }
      if (!current.fits(block.text(), BLOCK_BREAK) && current.hasContent()) {
        current = current.close(texts);
      }
      if (current.fits(block.text(), BLOCK_BREAK)) {
        current.add(block.text(), BLOCK_BREAK, block.kind() == Block.Kind.HEADING);
        continue;
      }
      String separator = BLOCK_BREAK;
      for (String piece : pieces(block)) {
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
      String chunkText = texts.get(ordinal);
      chunks.add(
          Chunk.of(
              docId, ordinal, chunkText, tokens.count(chunkText), minHasher.signature(chunkText)));
    }
    return chunks;
  }

  /** The sentences of a paragraph, as {@link SentenceTokenizer} finds them. */
  List<String> sentences(String paragraph) {
    return sentences.split(paragraph);
  }

  /**
   * The parts of a block too big for one chunk: rows of a table, items of a list, sentences of
   * prose; each part still too big is cut at token boundaries.
   */
  private List<String> pieces(Block block) {
    List<String> parts =
        block.kind() == Block.Kind.TEXT || block.kind() == Block.Kind.HEADING
            ? sentences.split(block.text().replace('\n', ' '))
            : block.text().lines().toList();
    List<String> pieces = new ArrayList<>();
    for (String part : parts) {
      String rest = part;
      while (tokens.count(rest) > maxTokens) {
        String head = tokens.prefix(rest, maxTokens);
        if (head.isEmpty()) {
          head = rest.substring(0, Character.charCount(rest.codePointAt(0)));
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

  /** The chunk being filled. */
  private final class Builder {
    private final StringBuilder text = new StringBuilder();
    private final List<Integer> headingStarts = new ArrayList<>();
    private boolean hasContent;

    boolean hasContent() {
      return hasContent;
    }

    int tokens() {
      return tokens.count(text.toString());
    }

    boolean fits(String piece, String separator) {
      String candidate = text.length() == 0 ? piece : text + separator + piece;
      return tokens.count(candidate) <= maxTokens;
    }

    void add(String piece, String separator, boolean heading) {
      if (text.length() > 0) {
        text.append(separator);
      }
      if (heading) {
        headingStarts.add(text.length());
      } else {
        headingStarts.clear();
        hasContent = true;
      }
      text.append(piece);
    }

    /**
     * Emits this chunk if it holds content, keeping headings that would end it for the next one;
     * returns the next builder, opened with those headings or else with the overlap.
     */
    Builder close(List<String> out) {
      Builder next = new Builder();
      if (!hasContent) {
        if (!headingStarts.isEmpty()) {
          out.add(text.toString()); // headings with nothing after them that fits: keep them
        }
        return next; // nothing, or only the overlap, which the last chunk already holds
      }
      String chunk = text.toString();
      String carried = "";
      if (!headingStarts.isEmpty()) {
        int start = headingStarts.get(0);
        carried = chunk.substring(start);
        chunk = chunk.substring(0, start).strip();
      }
      out.add(chunk);
      if (!carried.isEmpty()) {
        for (String heading : carried.split(BLOCK_BREAK)) {
          next.add(heading, BLOCK_BREAK, true);
        }
      } else if (overlapTokens > 0) {
        String overlap = overlap(chunk);
        if (!overlap.isEmpty()) {
          next.text.append(overlap);
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
