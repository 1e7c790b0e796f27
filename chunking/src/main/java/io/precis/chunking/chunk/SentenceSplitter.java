package io.precis.chunking.chunk;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Splits text into sentences with {@link SentenceTokenizer}, joining again the pieces of a sentence
 * that crossed the end of Lucene's buffer (a piece that does not end a sentence with terminal
 * punctuation runs on into the next). One instance per thread.
 */
final class SentenceSplitter {
  private static final java.util.regex.Pattern SENTENCE_END =
      java.util.regex.Pattern.compile("[.!?\u2026\u3002\uFF01\uFF1F][\"'\u201D\u2019)\\]]*$");

  private final SentenceTokenizer tokenizer = new SentenceTokenizer();
  private final OffsetAttribute offsets = tokenizer.addAttribute(OffsetAttribute.class);

  /** The sentences of the text, trimmed, in order; their concatenation is the text's words. */
  List<String> split(String text) {
    List<String> sentences = new ArrayList<>();
    try {
      tokenizer.setReader(new StringReader(text));
      tokenizer.reset();
      int start = -1;
      int end = -1;
      while (tokenizer.incrementToken()) {
        if (start < 0) {
          start = offsets.startOffset();
        }
        end = offsets.endOffset();
        // The span ends where this piece ends: test the piece, not the span, which in text without
        // punctuation grows with every piece.
        if (SENTENCE_END.matcher(text.substring(offsets.startOffset(), end).strip()).find()) {
          sentences.add(text.substring(start, end).strip());
          start = -1;
        }
      }
      if (start >= 0 && !text.substring(start, end).isBlank()) {
        sentences.add(text.substring(start, end).strip());
      }
      tokenizer.end();
    } catch (IOException e) {
      throw new UncheckedIOException("a StringReader does not fail", e);
    } finally {
      try {
        tokenizer.close();
      } catch (IOException e) {
        // a StringReader does not fail
      }
    }
    return sentences;
  }
}
