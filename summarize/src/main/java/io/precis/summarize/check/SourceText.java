package io.precis.summarize.check;

import io.precis.routing.cache.guard.GuardFeatures;
import io.precis.routing.embed.Embedder;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text a cheaper tier summarized, as the checks read it. What they derive from it (its numbers,
 * names, words and embedding) is computed once, on first use, so that the answers of several tiers
 * to one chunk are checked against it without reading it again. Not for use by several threads at
 * once.
 *
 * <p>A document name counts as part of the source for numbers and names ("the 2023 annual report of
 * Acme" may name what the prompt named), but not for length or faithfulness.
 */
public final class SourceText {
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Pattern LETTERS_OR_DIGITS = Pattern.compile("\\p{L}+|\\p{N}+");
  private static final Pattern NAME_SEPARATORS = Pattern.compile("[_\\-./\\\\]+");
  private static final List<String> ORDINALS =
      List.of(
          "second",
          "third",
          "fourth",
          "fifth",
          "sixth",
          "seventh",
          "eighth",
          "ninth",
          "tenth",
          "eleventh",
          "twelfth");

  private final String text;
  private final String documentName;
  private float[] vector;
  private GuardFeatures features;
  private Integer words;
  private Set<String> tokens;
  private String phrase;
  private String compact;
  private String lower;
  private Set<String> ordinals;

  private SourceText(String text, String documentName, float[] vector) {
    this.text = Objects.requireNonNull(text, "text is null");
    this.documentName = Objects.requireNonNull(documentName, "documentName is null");
    this.vector = vector;
  }

  /** A source without a document name. */
  public static SourceText of(String text) {
    return new SourceText(text, "", null);
  }

  /** A source whose document name (e.g. {@code annual-report-2023.pdf}) may be named too. */
  public static SourceText of(String text, String documentName) {
    return new SourceText(text, documentName == null ? "" : documentName, null);
  }

  /**
   * The same source with its embedding already made (by the checks' embedder: vectors of two
   * embedders do not compare), so that the faithfulness check embeds only the answer.
   */
  public SourceText withVector(float[] vector) {
    return new SourceText(text, documentName, Objects.requireNonNull(vector, "vector is null"));
  }

  public String text() {
    return text;
  }

  public String documentName() {
    return documentName;
  }

  /** Words of the text (runs of letters or digits). */
  int words() {
    if (words == null) {
      words = ResolutionChecks.countWords(text);
    }
    return words;
  }

  /** Numbers, dates and names of the text and the document name. */
  GuardFeatures features() {
    if (features == null) {
      features = GuardFeatures.of(lexicalText());
    }
    return features;
  }

  /** The text and document name in lower case, curly apostrophes made straight. */
  String lower() {
    if (lower == null) {
      lower = lexicalText().toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    }
    return lower;
  }

  /**
   * Lower-case words (runs of letters and digits) of the text and the document name, and the runs
   * of letters and of digits inside them.
   */
  Set<String> tokens() {
    if (tokens == null) {
      tokenize();
    }
    return tokens;
  }

  /** The words, each followed and preceded by one space: a name is found with " acme corp ". */
  String phrase() {
    if (phrase == null) {
      tokenize();
    }
    return phrase;
  }

  /** The words with nothing between them: "GPT4" is found in "GPT-4". */
  String compact() {
    if (compact == null) {
      tokenize();
    }
    return compact;
  }

  /** The values 2 to 12 that the text writes as ordinals ("the third quarter"). */
  Set<String> ordinalValues() {
    if (ordinals == null) {
      Set<String> values = new HashSet<>();
      for (int i = 0; i < ORDINALS.size(); i++) {
        if (tokens().contains(ORDINALS.get(i))) {
          values.add(Integer.toString(i + 2));
        }
      }
      ordinals = values;
    }
    return ordinals;
  }

  /** The embedding of the text, made by {@code embedder} on first use unless it was given. */
  float[] vector(Embedder embedder) {
    if (vector == null) {
      vector = embedder.embed(List.of(text)).get(0);
    }
    return vector;
  }

  /** Keeps the embedding of the text made together with an answer's; returns it. */
  float[] remember(float[] vector) {
    this.vector = vector;
    return vector;
  }

  boolean hasVector() {
    return vector != null;
  }

  private void tokenize() {
    Set<String> set = new HashSet<>();
    StringBuilder spaced = new StringBuilder(" ");
    StringBuilder joined = new StringBuilder();
    Matcher m = TOKEN.matcher(lower());
    while (m.find()) {
      String token = m.group();
      set.add(token);
      spaced.append(token).append(' ');
      joined.append(token);
      // "sslv2" is also "sslv" and "2": the name reader splits words at digits and underscores.
      Matcher part = LETTERS_OR_DIGITS.matcher(token);
      while (part.find() && part.end() - part.start() < token.length()) {
        set.add(part.group());
      }
    }
    tokens = set;
    phrase = spaced.toString();
    compact = joined.toString();
  }

  private String lexicalText() {
    if (documentName.isBlank()) {
      return text;
    }
    // "annual_report-2023.pdf": the separators would hide the year from the number reader.
    return text + "\n\n" + NAME_SEPARATORS.matcher(documentName).replaceAll(" ") + "\n";
  }
}
