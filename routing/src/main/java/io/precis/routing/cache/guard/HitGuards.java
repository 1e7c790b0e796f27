package io.precis.routing.cache.guard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Vetoes a semantic hit that a cosine alone would accept although the two texts say different
 * things: a negation or an opposite on one side only ("enable 2FA" / "disable 2FA" score 0.8 and
 * more), other numbers, other dates, other names, or very different lengths. A veto errs on the
 * side of a miss: a wrong summary served from the cache costs more than the call it saves.
 */
public final class HitGuards {
  /**
   * The longer text may have at most this many times the words of the shorter, plus {@link
   * #LENGTH_SLACK} words (short texts vary more).
   */
  public static final int LENGTH_RATIO = 2;

  public static final int LENGTH_SLACK = 10;

  private HitGuards() {}

  /** Why the two texts must not share a summary, or empty when no guard objects. */
  public static Optional<String> veto(String a, String b) {
    return veto(GuardFeatures.of(a), GuardFeatures.of(b));
  }

  /**
   * Why a query must not be answered with an entry's summary, or empty when no guard objects. The
   * check is symmetric.
   */
  public static Optional<String> veto(GuardFeatures query, GuardFeatures entry) {
    Optional<String> reason = negation(query, entry);
    if (reason.isEmpty()) {
      reason = numbers(query, entry);
    }
    if (reason.isEmpty()) {
      reason = dates(query, entry);
    }
    if (reason.isEmpty()) {
      reason = entities(query, entry);
    }
    if (reason.isEmpty()) {
      reason = lengths(query, entry);
    }
    return reason;
  }

  private static Optional<String> negation(GuardFeatures a, GuardFeatures b) {
    if (a.negations() % 2 != b.negations() % 2) {
      return Optional.of(
          "negation differs: " + a.negations() + " vs " + b.negations() + " negating words");
    }
    if (opposite(a.polarity(), b.polarity())) {
      return Optional.of("negation differs: one text takes the opposite side (enable/disable)");
    }
    if (prefixed(a, b) || prefixed(b, a)) {
      return Optional.of(
          "negation differs: a word of one text is negated in the other (un-, dis-)");
    }
    return Optional.empty();
  }

  /** One text only on the + side of an opposite pair, the other only on its - side. */
  private static boolean opposite(Set<String> a, Set<String> b) {
    Map<String, String> sidesA = sides(a);
    Map<String, String> sidesB = sides(b);
    for (Map.Entry<String, String> side : sidesA.entrySet()) {
      String other = sidesB.get(side.getKey());
      if (other != null
          && side.getValue().length() == 1
          && other.length() == 1
          && !side.getValue().equals(other)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, String> sides(Set<String> markers) {
    Map<String, String> sides = new HashMap<>();
    for (String marker : markers) {
      String pair = marker.substring(0, marker.length() - 1);
      String sign = marker.substring(marker.length() - 1);
      sides.merge(pair, sign, (x, y) -> x.equals(y) ? x : "+-");
    }
    return sides;
  }

  /** A has "unlawful", B has "lawful", and neither also has the other form. */
  private static boolean prefixed(GuardFeatures a, GuardFeatures b) {
    for (int root : a.negatedRoots()) {
      if (b.hasStem(root) && !a.hasStem(root) && !b.hasNegatedRoot(root)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<String> numbers(GuardFeatures a, GuardFeatures b) {
    SortedSet<String> onlyA = unmatchedNumbers(a, b);
    SortedSet<String> onlyB = unmatchedNumbers(b, a);
    if (onlyA.isEmpty() && onlyB.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("numbers differ: " + shown(onlyA) + " vs " + shown(onlyB));
  }

  /**
   * Numbers of A that B lacks. A bare 1 is left out ("one of the parties" and "a party" agree), and
   * so is a number that B holds as a year (2000 users / the year 2000 is for the dates to judge).
   */
  private static SortedSet<String> unmatchedNumbers(GuardFeatures a, GuardFeatures b) {
    SortedSet<String> only = new TreeSet<>();
    for (String number : a.numbers()) {
      if (!number.equals("1") && !b.numbers().contains(number) && !b.dates().contains(number)) {
        only.add(number);
      }
    }
    return only;
  }

  private static Optional<String> dates(GuardFeatures a, GuardFeatures b) {
    SortedSet<String> onlyA = unmatchedDates(a, b);
    SortedSet<String> onlyB = unmatchedDates(b, a);
    if (onlyA.isEmpty() && onlyB.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("dates differ: " + shown(onlyA) + " vs " + shown(onlyB));
  }

  /** Dates of A that B has in no compatible form (a date without a year fits any year). */
  private static SortedSet<String> unmatchedDates(GuardFeatures a, GuardFeatures b) {
    SortedSet<String> only = new TreeSet<>();
    for (String date : a.dates()) {
      boolean matched = b.numbers().contains(date);
      for (String other : b.dates()) {
        matched |= compatible(date, other);
      }
      if (!matched) {
        only.add(date);
      }
    }
    return only;
  }

  private static boolean compatible(String x, String y) {
    if (x.equals(y)) {
      return true;
    }
    if (x.startsWith("--") && y.length() > 4 && Character.isDigit(y.charAt(0))) {
      return y.substring(4).equals(x.substring(1));
    }
    if (y.startsWith("--") && x.length() > 4 && Character.isDigit(x.charAt(0))) {
      return x.substring(4).equals(y.substring(1));
    }
    return false;
  }

  private static Optional<String> entities(GuardFeatures a, GuardFeatures b) {
    List<String> strongA = unmatched(a.entities(), b);
    List<String> strongB = unmatched(b.entities(), a);
    List<String> weakA = unmatched(a.weakEntities(), b);
    List<String> weakB = unmatched(b.weakEntities(), a);
    boolean differ =
        !strongA.isEmpty()
            || !strongB.isEmpty()
            // A sentence's first word may be a name or not: it counts only against a name.
            || (!weakA.isEmpty() && !weakB.isEmpty());
    if (!differ) {
      return Optional.empty();
    }
    List<String> shownA = new ArrayList<>(strongA);
    shownA.addAll(weakA);
    List<String> shownB = new ArrayList<>(strongB);
    shownB.addAll(weakB);
    return Optional.of("entities differ: " + shown(shownA) + " vs " + shown(shownB));
  }

  /** Names of one text whose words do not all occur in the other (in any case or position). */
  private static List<String> unmatched(Set<String> names, GuardFeatures other) {
    List<String> unmatched = new ArrayList<>();
    for (String name : names) {
      if (!occursIn(name, other)) {
        unmatched.add(name);
      }
    }
    return unmatched;
  }

  /**
   * Whether every word of a name occurs in the other text, or the other text names it shorter ("the
   * State of New York" and "New York").
   */
  private static boolean occursIn(String name, GuardFeatures other) {
    Set<String> keys = keys(name);
    if (keys.isEmpty()) {
      return other.entities().contains(name);
    }
    if (keys.stream().allMatch(key -> other.hasStem(Lexicon.hash(key)))) {
      return true;
    }
    for (Set<String> names : List.of(other.entities(), other.weakEntities())) {
      for (String shorter : names) {
        Set<String> shorterKeys = keys(shorter);
        if (!shorterKeys.isEmpty() && keys.containsAll(shorterKeys)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The words of a name as compared: no stopwords, no company suffixes (Inc, Corp). */
  private static Set<String> keys(String name) {
    Set<String> keys = new TreeSet<>();
    for (String word : name.split(" ")) {
      String lower = word.toLowerCase(java.util.Locale.ROOT);
      if (!Lexicon.STOPWORDS.contains(lower) && !Lexicon.COMPANY_SUFFIXES.contains(lower)) {
        keys.add(FeatureExtractor.matchKey(word));
      }
    }
    return keys;
  }

  private static Optional<String> lengths(GuardFeatures a, GuardFeatures b) {
    int shorter = Math.min(a.words(), b.words());
    int longer = Math.max(a.words(), b.words());
    if (longer > LENGTH_RATIO * shorter + LENGTH_SLACK) {
      return Optional.of("lengths differ: " + a.words() + " vs " + b.words() + " words");
    }
    return Optional.empty();
  }

  private static String shown(java.util.Collection<String> values) {
    return values.isEmpty() ? "none" : String.join(", ", values);
  }
}
