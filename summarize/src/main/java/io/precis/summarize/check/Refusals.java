package io.precis.summarize.check;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a refusal in an answer: a phrase models decline with, at the start of the answer ("I'm
 * sorry", "I cannot", "As an AI") or, for the phrases only a model says of itself ("as an AI
 * language model", "I can't help with"), anywhere. A phrase that the source holds too is a quote,
 * not a refusal: a summary may report that someone in the text declined ("The vendor said it cannot
 * help with refunds").
 */
final class Refusals {
  private Refusals() {}

  /** Phrases a refusal starts with. */
  static final List<String> OPENINGS =
      List.of(
          "i'm sorry",
          "i am sorry",
          "sorry, ",
          "sorry but",
          "i apologize",
          "i apologise",
          "my apologies",
          "i can't",
          "i cannot",
          "i can not",
          "i'm unable",
          "i am unable",
          "i'm not able",
          "i am not able",
          "i won't",
          "i will not",
          "i must decline",
          "i'm afraid i",
          "i do not feel comfortable",
          "i don't feel comfortable",
          "i'm not comfortable",
          "unfortunately, i",
          "unfortunately i",
          "as an ai",
          "as a language model",
          "as an assistant");

  /** Phrases a model says only of itself: a refusal wherever they stand. */
  static final List<String> ANYWHERE =
      List.of(
          "as an ai",
          "as a language model",
          "ai language model",
          "i can't help with",
          "i cannot help with",
          "i can't assist",
          "i cannot assist",
          "i'm unable to help",
          "i am unable to help",
          "i can't provide a summary",
          "i cannot provide a summary",
          "i'm unable to provide a summary",
          "i am unable to provide a summary",
          "i can't summarize",
          "i cannot summarize",
          "i'm unable to summarize",
          "i am unable to summarize",
          "i'm not able to summarize",
          "i can't comply",
          "i cannot comply");

  /** Leading quotes, brackets, bullets and Markdown before the first word. */
  private static final Pattern LEAD = Pattern.compile("[\\s\"'*_#>\\-(\\[]+");

  /** The refusal phrase the answer holds and the source does not, as the answer writes it. */
  static Optional<String> find(String answer, SourceText source) {
    String lower = normalize(answer);
    Matcher lead = LEAD.matcher(lower);
    int start = lead.lookingAt() ? lead.end() : 0;
    for (String opening : OPENINGS) {
      String phrase = opening.strip();
      if (lower.startsWith(opening, start) && !source.lower().contains(phrase)) {
        return Optional.of(answer.substring(start, start + phrase.length()));
      }
    }
    for (String phrase : ANYWHERE) {
      int at = wordAt(lower, phrase);
      if (at >= 0 && !source.lower().contains(phrase)) {
        return Optional.of(answer.substring(at, at + phrase.length()));
      }
    }
    return Optional.empty();
  }

  /** Where the phrase stands in the text as whole words ("ai" of "as an AI", not of "aid"). */
  private static int wordAt(String text, String phrase) {
    for (int at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
      int end = at + phrase.length();
      boolean before =
          at > 0 && (Character.isLetterOrDigit(text.charAt(at - 1)) || text.charAt(at - 1) == '\'');
      boolean after = end < text.length() && Character.isLetter(text.charAt(end));
      if (!before && !after) {
        return at;
      }
    }
    return -1;
  }

  private static String normalize(String text) {
    return text.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u2018', '\'');
  }
}
