package io.precis.testkit.sim;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Makes the models whose name matches answer badly when the text to summarize is heavy in digits,
 * the way small models stumble on financial reports.
 *
 * @param modelPattern searched in the model name (anchor it with {@code ^...$} for a whole name)
 * @param digitShareAbove the rule applies when the share of digits among the non-whitespace
 *     characters of the text to summarize is strictly above this, in [0, 1]
 * @param behaviour what the model does instead of a faithful summary
 */
public record QualityRule(Pattern modelPattern, double digitShareAbove, Behaviour behaviour) {

  /** The answer of a model that refuses. */
  public static final String REFUSAL = "I'm sorry, but I can't help with summarizing this content.";

  /** What a model does when a {@link QualityRule} applies. */
  public enum Behaviour {
    /** Answers {@link QualityRule#REFUSAL}. */
    REFUSE,
    /** Answers the normal summary plus a sentence with a figure that is not in the source. */
    INVENT_NUMBERS,
    /** Answers the empty string. */
    EMPTY,
    /**
     * Answers the faithful summary but runs on to its token budget, ignoring any word limit in its
     * instructions, the way small models run long.
     */
    IGNORE_WORD_LIMIT,
    /**
     * Answers {@link QualityRule#OFF_TOPIC_ANSWER}, a fixed summary of something else with no
     * number and no name in it, so that only a check of meaning (the embeddings of answer and
     * source) can tell.
     */
    OFF_TOPIC,
    /**
     * Answers the normal summary, shortened to leave room, plus a sentence naming an organisation
     * that is not in the source: {@code "The figures were audited by Northwind Analytics."}
     */
    INVENT_ENTITY
  }

  /**
   * The answer of {@link Behaviour#OFF_TOPIC}: 28 words about gardening, no figure, no name (its
   * only capitalised word opens the sentence).
   */
  public static final String OFF_TOPIC_ANSWER =
      "The passage gives general advice on growing vegetables at home: choose a sunny spot,"
          + " enrich the soil with compost, water the young plants often and pull weeds early.";

  public QualityRule {
    Objects.requireNonNull(modelPattern, "modelPattern is null");
    Objects.requireNonNull(behaviour, "behaviour is null");
    if (!(digitShareAbove >= 0 && digitShareAbove <= 1)) {
      throw new IllegalArgumentException(
          "digitShareAbove is " + digitShareAbove + " but must be between 0 and 1");
    }
  }

  /** A rule for the models matching {@code modelRegex} on texts with more than that digit share. */
  public static QualityRule badAtNumbers(
      String modelRegex, double digitShare, Behaviour behaviour) {
    Objects.requireNonNull(modelRegex, "modelRegex is null");
    return new QualityRule(Pattern.compile(modelRegex), digitShare, behaviour);
  }

  /** Whether this rule applies to that model summarizing that text. */
  public boolean appliesTo(String model, String textToSummarize) {
    return modelPattern.matcher(model).find() && digitShare(textToSummarize) > digitShareAbove;
  }

  /** The share of digit characters among the non-whitespace characters of a text; 0 if none. */
  public static double digitShare(String text) {
    long nonWhitespace = 0;
    long digits = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        nonWhitespace++;
        if (Character.isDigit(c)) {
          digits++;
        }
      }
    }
    return nonWhitespace == 0 ? 0 : (double) digits / nonWhitespace;
  }
}
