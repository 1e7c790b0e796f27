package io.precis.routing.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * The {@link Feature}s of a text: what its lines look like (cells, lists, key-value pairs), what
 * its tokens are (numbers, currencies, cue words, English function words) and what its characters
 * are. Words come from Lucene's {@link StandardTokenizer} (Unicode word breaks), lower-cased, each
 * kept as written and also Porter-stemmed for the cue-word lists. Safe to use from several threads.
 */
public final class TextFeatures {
  /**
   * Raw counts behind some of the shares: what the {@link Content} rules read.
   *
   * @param moneyMarkers currency signs, currency codes and words, and percents
   */
  public record Counts(int tokens, int legalCues, int financialCues, int moneyMarkers) {}

  private static final Analyzer ANALYZER =
      new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
          StandardTokenizer source = new StandardTokenizer();
          TokenStream stream = new LowerCaseFilter(source);
          // Each token twice: as written (marked keyword, so not stemmed), then stemmed.
          stream = new KeywordRepeatFilter(stream);
          return new TokenStreamComponents(source, new PorterStemFilter(stream));
        }
      };

  private static final Set<String> LEGAL = stems(CueWords.LEGAL);
  private static final Set<String> FINANCIAL = stems(CueWords.FINANCIAL);
  private static final Set<String> REASONING = stems(CueWords.REASONING);
  private static final Set<String> BOILERPLATE = stems(CueWords.BOILERPLATE);
  private static final Set<String> STOPWORDS = stopwords();
  private static final Set<String> CURRENCY_WORDS =
      Set.of(
          "usd", "eur", "gbp", "jpy", "chf", "cad", "aud", "dollar", "dollars", "euro", "euros",
          "pound", "pounds", "cents");
  private static final String CURRENCY_SIGNS = "$€£¥₹";
  private static final String VOWELS = "aeiouyàâäéèêëîïôöûüáíóú";
  private static final int WINDOW = 50;

  /**
   * The English function words' share of a text without prose lines: about their share in the
   * English examples, so that a list of names or paths does not look like another language.
   */
  static final double NEUTRAL_STOPWORDS = 0.4;

  /** Words of {@link #NEUTRAL_STOPWORDS} the function words' share starts from. */
  static final int PSEUDO_WORDS = 10;

  private final double[] values;
  private final Counts counts;

  private TextFeatures(double[] values, Counts counts) {
    this.values = values;
    this.counts = counts;
  }

  /** Every feature's value, in the order of {@link Feature#values()}. */
  public double[] values() {
    return values.clone();
  }

  public double value(Feature feature) {
    return values[feature.ordinal()];
  }

  public Counts counts() {
    return counts;
  }

  /** The features of a text. */
  public static TextFeatures of(String text) {
    double[] values = new double[Feature.values().length];
    TextLines.measure(text, values);
    Tally tally = new Tally();
    tokens(text, tally);
    characters(text, tally);
    int tokens = tally.tokens;
    values[Feature.NUMBERS.ordinal()] = share(tally.numbers, tokens);
    values[Feature.CURRENCY.ordinal()] = Math.min(1, share(tally.currency, tokens));
    values[Feature.PERCENT.ordinal()] = Math.min(1, share(tally.percent, tokens));
    values[Feature.LEGAL.ordinal()] = share(tally.legal, tokens);
    values[Feature.FINANCIAL.ordinal()] = share(tally.financial, tokens);
    values[Feature.REASONING.ordinal()] = share(tally.reasoning, tokens);
    values[Feature.BOILERPLATE.ordinal()] = share(tally.boilerplate, tokens);
    // Smoothed towards the English share by a few pseudo-words, so that a short text is not
    // taken for another language because it happens to have few function words.
    values[Feature.STOPWORDS.ordinal()] =
        (tally.proseStopwords + NEUTRAL_STOPWORDS * PSEUDO_WORDS)
            / (tally.proseWords + PSEUDO_WORDS);
    values[Feature.ODD_TOKENS.ordinal()] = share(tally.odd, tokens);
    values[Feature.VOCABULARY.ordinal()] = windowedTypeTokenRatio(tally.surface);
    int sentences = TextLines.sentences(text);
    values[Feature.SENTENCE_WORDS.ordinal()] =
        sentences == 0 ? 0 : Math.min(1, (double) tokens / sentences / 40);
    values[Feature.NON_ASCII.ordinal()] = share(tally.nonAscii, tally.letters);
    values[Feature.SYMBOLS.ordinal()] = share(tally.symbols, tally.visible);
    return new TextFeatures(
        values, new Counts(tokens, tally.legal, tally.financial, tally.currency + tally.percent));
  }

  /** What the passes over a text count. */
  private static final class Tally {
    int tokens;
    int numbers;
    int currency;
    int percent;
    int proseWords;
    int proseStopwords;
    int odd;
    int legal;
    int financial;
    int reasoning;
    int boilerplate;
    int letters;
    int nonAscii;
    int visible;
    int symbols;
    final List<String> surface = new ArrayList<>();
  }

  /**
   * Tokens through the analyzer: numbers, currency words, cue words, and English function words
   * among the words of prose lines (50 characters or more in 6 words or more, not a row).
   */
  private static void tokens(String text, Tally tally) {
    TextLines.ProseLines prose = new TextLines.ProseLines(text);
    try (TokenStream stream = ANALYZER.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      KeywordAttribute keyword = stream.addAttribute(KeywordAttribute.class);
      TypeAttribute type = stream.addAttribute(TypeAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        String token = term.toString();
        if (!keyword.isKeyword()) {
          // The stemmed copy: cue words.
          tally.legal += LEGAL.contains(token) ? 1 : 0;
          tally.financial += FINANCIAL.contains(token) ? 1 : 0;
          tally.reasoning += REASONING.contains(token) ? 1 : 0;
          tally.boilerplate += BOILERPLATE.contains(token) ? 1 : 0;
          continue;
        }
        tally.tokens++;
        tally.surface.add(token);
        boolean digit = token.chars().anyMatch(Character::isDigit);
        tally.numbers += digit ? 1 : 0;
        tally.currency += CURRENCY_WORDS.contains(token) ? 1 : 0;
        tally.percent += token.equals("percent") ? 1 : 0;
        tally.odd += isOdd(token, digit, type.type()) ? 1 : 0;
        if (!digit && type.type().equals("<ALPHANUM>") && prose.at(offset.startOffset())) {
          tally.proseWords++;
          tally.proseStopwords += STOPWORDS.contains(token) ? 1 : 0;
        }
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Currency signs, percent signs, non-ASCII letters and symbols, code point by code point. */
  private static void characters(String text, Tally tally) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        continue;
      }
      tally.visible++;
      if (Character.isLetter(c)) {
        tally.letters++;
        tally.nonAscii += c > 127 ? 1 : 0;
      } else if (!Character.isDigit(c)) {
        tally.symbols++;
        if (CURRENCY_SIGNS.indexOf(c) >= 0) {
          tally.currency++;
        } else if (c == '%') {
          tally.percent++;
        }
      }
    }
  }

  /**
   * Noise: a token of 25+ characters (encoded data), a word of 4+ letters without a vowel, a lone
   * letter other than a and i, or a mix of letters and digits of 8+ characters (hashes, codes).
   */
  private static boolean isOdd(String token, boolean digit, String type) {
    if (!type.equals("<ALPHANUM>") && !type.equals("<NUM>")) {
      return false;
    }
    if (token.length() >= 25) {
      return true;
    }
    if (digit) {
      return token.length() >= 8 && token.chars().anyMatch(Character::isLetter);
    }
    if (token.length() == 1) {
      return !token.equals("a") && !token.equals("i");
    }
    return token.length() >= 4 && token.chars().noneMatch(c -> VOWELS.indexOf(c) >= 0);
  }

  private static double windowedTypeTokenRatio(List<String> tokens) {
    if (tokens.isEmpty()) {
      return 0;
    }
    if (tokens.size() < WINDOW) {
      return (double) new HashSet<>(tokens).size() / tokens.size();
    }
    double sum = 0;
    int windows = 0;
    for (int start = 0; start + WINDOW <= tokens.size(); start += WINDOW) {
      sum += (double) new HashSet<>(tokens.subList(start, start + WINDOW)).size() / WINDOW;
      windows++;
    }
    return sum / windows;
  }

  private static double share(int part, int whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  private static Set<String> stems(Set<String> words) {
    Set<String> stems = new HashSet<>();
    for (String word : words) {
      try (TokenStream stream = ANALYZER.tokenStream("text", word)) {
        CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
        KeywordAttribute keyword = stream.addAttribute(KeywordAttribute.class);
        stream.reset();
        while (stream.incrementToken()) {
          if (!keyword.isKeyword()) {
            stems.add(term.toString());
          }
        }
        stream.end();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Set.copyOf(stems);
  }

  private static Set<String> stopwords() {
    Set<String> words = new HashSet<>(CueWords.FUNCTION_WORDS);
    for (Object word : EnglishAnalyzer.ENGLISH_STOP_WORDS_SET) {
      words.add(new String((char[]) word).toLowerCase(Locale.ROOT));
    }
    return Set.copyOf(words);
  }
}
