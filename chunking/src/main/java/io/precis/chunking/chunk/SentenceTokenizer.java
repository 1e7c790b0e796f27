package io.precis.chunking.chunk;

import java.text.BreakIterator;
import java.util.Locale;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.util.SegmentingTokenizerBase;

/**
 * A Lucene tokenizer whose tokens are whole sentences, with their offsets in the input. Lucene's
 * {@link SegmentingTokenizerBase} finds the sentence boundaries (a sentence {@link BreakIterator}
 * over a sliding buffer); this class emits each sentence once instead of splitting it into words. A
 * sentence longer than Lucene's buffer (1,024 characters) comes out in buffer-sized pieces cut at
 * white space.
 */
final class SentenceTokenizer extends SegmentingTokenizerBase {
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offsets = addAttribute(OffsetAttribute.class);
  private int sentenceStart;
  private int sentenceEnd;
  private boolean emitted;

  SentenceTokenizer() {
    super(BreakIterator.getSentenceInstance(Locale.ROOT));
  }

  /** Ends a buffer at white space rather than only at line breaks, so no word is ever cut. */
  @Override
  protected boolean isSafeEnd(char c) {
    return Character.isWhitespace(c);
  }

  @Override
  protected void setNextSentence(int start, int end) {
    sentenceStart = start;
    sentenceEnd = end;
    emitted = false;
  }

  @Override
  protected boolean incrementWord() {
    if (emitted) {
      return false;
    }
    emitted = true;
    clearAttributes();
    term.copyBuffer(buffer, sentenceStart, sentenceEnd - sentenceStart);
    offsets.setOffset(correctOffset(offset + sentenceStart), correctOffset(offset + sentenceEnd));
    return true;
  }
}
