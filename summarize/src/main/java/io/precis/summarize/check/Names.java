package io.precis.summarize.check;

import io.precis.routing.cache.guard.GuardFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the names of an answer that its source does not hold. The names are those {@link
 * GuardFeatures#entities()} reads: capitalised words or phrases inside a sentence, acronyms and
 * codes (GPT-4, 2FA). The capitalised first word of a sentence is left out ({@link
 * GuardFeatures#weakEntities()}): "Revenue grew" must not fail, at the price of missing an invented
 * one-word name that opens a sentence.
 *
 * <p>A name is in the source when, ignoring case and white space:
 *
 * <ul>
 *   <li>a code (a name with a digit) occurs as a phrase, or with its separators dropped ("GPT4" for
 *       "GPT-4");
 *   <li>every word of a name occurs in the source, leaving out function words and company suffixes
 *       ("Acme Inc" for "Acme Corporation"; "Python's" for "Python"), a word also matching its
 *       plural or singular ("APIs" for "API");
 *   <li>an acronym's letters open consecutive words of the source ("PSF" for "Python Software
 *       Foundation").
 * </ul>
 */
final class Names {
  private Names() {}

  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Set<String> FUNCTION_WORDS =
      Set.of(
          "of", "the", "and", "for", "a", "an", "in", "on", "at", "to", "by", "with", "de", "la",
          "le", "du", "von", "van", "der", "den", "s");
  private static final Set<String> COMPANY_SUFFIXES =
      Set.of(
          "inc",
          "corp",
          "corporation",
          "ltd",
          "llc",
          "llp",
          "gmbh",
          "co",
          "plc",
          "ag",
          "sa",
          "limited",
          "company",
          "group",
          "holdings");

  /** The names of the answer the source lacks, as the answer writes them. */
  static List<String> invented(GuardFeatures answer, SourceText source) {
    List<String> invented = new ArrayList<>();
    for (String name : answer.entities()) {
      if (!known(name, source)) {
        invented.add(name);
      }
    }
    return invented;
  }

  static boolean known(String name, SourceText source) {
    List<String> words = words(name);
    if (words.isEmpty()) {
      return true;
    }
    if (name.chars().anyMatch(Character::isDigit)) {
      return source.phrase().contains(" " + String.join(" ", words) + " ")
          || source.compact().contains(String.join("", words));
    }
    boolean every = true;
    for (String word : words) {
      if (!FUNCTION_WORDS.contains(word)
          && !COMPANY_SUFFIXES.contains(word)
          && !hasWord(source.tokens(), word)) {
        every = false;
        break;
      }
    }
    return every || (acronym(name) && initials(name, source));
  }

  private static boolean hasWord(Set<String> tokens, String word) {
    if (tokens.contains(word)) {
      return true;
    }
    if (word.endsWith("es") && tokens.contains(word.substring(0, word.length() - 2))) {
      return true;
    }
    if (word.endsWith("s") && tokens.contains(word.substring(0, word.length() - 1))) {
      return true;
    }
    return tokens.contains(word + "s") || tokens.contains(word + "es");
  }

  private static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    Matcher m = TOKEN.matcher(name.toLowerCase(Locale.ROOT));
    while (m.find()) {
      words.add(m.group());
    }
    return words;
  }

  /** Two to eight capitals, perhaps with a plural s ("API", "SLAs"). */
  private static boolean acronym(String name) {
    return name.matches("\\p{Lu}{2,8}s?");
  }

  /**
   * Whether consecutive words of the source start with the acronym's letters, function words
   * counted or skipped ("BoA" and "BA" both for "Bank of America").
   */
  private static boolean initials(String name, SourceText source) {
    String letters = name.replaceAll("s$", "").toLowerCase(Locale.ROOT);
    String[] words = source.phrase().strip().split(" ");
    for (boolean skipFunctionWords : new boolean[] {false, true}) {
      for (int start = 0; start < words.length; start++) {
        int matched = 0;
        for (int i = start; i < words.length && matched < letters.length(); i++) {
          String word = words[i];
          if (word.isEmpty()) {
            break;
          }
          if (skipFunctionWords && matched > 0 && FUNCTION_WORDS.contains(word)) {
            continue;
          }
          if (word.charAt(0) != letters.charAt(matched)) {
            break;
          }
          matched++;
        }
        if (matched == letters.length()) {
          return true;
        }
      }
    }
    return false;
  }
}
