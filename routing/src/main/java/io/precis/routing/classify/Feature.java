package io.precis.routing.classify;

/**
 * The text features the classifier reads, each a share (0 to 1) or a small ratio, so that chunks of
 * any length compare. {@link TextFeatures} computes them; the names appear in reasons.
 */
public enum Feature {
  /** Share of tokens that hold a digit. */
  NUMBERS("numbers"),
  /** Currency signs and codes ($, EUR, dollars...) per token. */
  CURRENCY("currency"),
  /** Percent signs and the word percent, per token. */
  PERCENT("percent"),
  /** Share of lines split into cells: by |, tabs, 2+ spaces or dot leaders, or 3+ by , or ;. */
  TABLE_ROWS("table-rows"),
  /** Share of lines with the most common row shape (separator and cell count), from 3 lines. */
  ROW_SHAPE("row-shape"),
  /** Share of lines under 50 characters, from 3 lines. */
  SHORT_LINES("short-lines"),
  /** Share of lines that start with a list marker: -, *, 1., a), [ ]... */
  LIST_ITEMS("list-items"),
  /** Share of lines of the form {@code key: value} or {@code key = value}. */
  KEY_VALUES("key-values"),
  /** Words per sentence (a line break ends one too), divided by 40 and capped at 1. */
  SENTENCE_WORDS("sentence-words"),
  /** Type/token ratio over windows of 50 tokens, so that it does not depend on length. */
  VOCABULARY("vocabulary"),
  /** Legal cue words (shall, indemnify, liability, licensee...) per token. */
  LEGAL("legal-terms"),
  /** Financial cue words (revenue, margin, depreciation, interest...) per token. */
  FINANCIAL("financial-terms"),
  /** Reasoning cue words (because, therefore, unless, whereas...) per token. */
  REASONING("reasoning-terms"),
  /** Boilerplate and plain-talk words (cookies, unsubscribe, thanks, welcome...) per token. */
  BOILERPLATE("boilerplate-terms"),
  /**
   * Share of the words of prose lines (50+ characters, 6+ words, not a row) that are English
   * function words: low for other languages and noise. Counted from 10 pseudo-words at 0.4 (about
   * the English share), so that short text or text without prose lines is not taken for another
   * language.
   */
  STOPWORDS("english-stopwords"),
  /** Share of letters outside ASCII: other scripts, accents, mojibake. */
  NON_ASCII("non-ascii-letters"),
  /**
   * Share of tokens that look like noise: very long, no vowel, lone letters, letter-digit mixes.
   */
  ODD_TOKENS("odd-tokens"),
  /** Share of visible characters that are neither letters nor digits. */
  SYMBOLS("symbols");

  private final String label;

  Feature(String label) {
    this.label = label;
  }

  /** The name in reasons and in docs/routing.md. */
  public String label() {
    return label;
  }
}
