package io.precis.summarize.check;

import io.precis.routing.cache.guard.GuardFeatures;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the numbers and dates of an answer that its source does not hold. Both sides are read by
 * {@link GuardFeatures}, which normalizes spellings ("1,000" = "1000" = "one thousand", "$1.2m" =
 * "$1,200,000" = "1.2 million dollars", "5 percent" = "5%", "March 5, 2024" = "2024-03-05"). Beyond
 * equal values, a number of the answer passes when:
 *
 * <ul>
 *   <li>it is 1 ("one of the parties" needs no figure in the source);
 *   <li>it has no currency, percent or unit and the source holds the value with one ("revenue of
 *       4,812,309" for "$4,812,309"); a currency of the answer may stand for a bare number of the
 *       source (a table's header often says the currency once), a percent or a unit may not, and
 *       two different currencies never match;
 *   <li>it is the source's figure rounded: at least 2 significant digits, below one unit of its
 *       last digit away, and either 1,000 or more or with decimals ("4.81 million" or "4.8 million"
 *       for 4,812,309; "12.5%" for 12.46%; not "480" for 483, nor "5 million");
 *   <li>it is a year the source dates hold ("in 2024" for "March 5, 2024"), or the value of an
 *       ordinal the source writes out ("3rd" for "third"), or it is written in the source as is (a
 *       figure cut short, "$1.2" of "$1.2 million", reads differently once its unit is gone);
 *   <li>it is a count from two to twelve that the answer writes only as a word ("two options":
 *       summaries count what their source lists).
 * </ul>
 *
 * A date of the answer passes when a date of the source agrees with it on every part the answer
 * gives (a year, a month, a month and day, a full date whose year the source holds elsewhere);
 * "today" and "tomorrow" carry no figure and pass.
 */
final class Figures {
  private Figures() {}

  private static final Pattern PLAIN = Pattern.compile("^([$€£]?)(\\d+(?:\\.\\d+)?)([a-z%]*)$");
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
  private static final Set<String> RELATIVE_DAYS =
      Set.of("today", "tomorrow", "yesterday", "tonight");
  private static final Map<String, Integer> COUNT_WORDS =
      Map.ofEntries(
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5),
          Map.entry("six", 6),
          Map.entry("seven", 7),
          Map.entry("eight", 8),
          Map.entry("nine", 9),
          Map.entry("ten", 10),
          Map.entry("eleven", 11),
          Map.entry("twelve", 12));

  /** A number as GuardFeatures shows it: currency, value, percent or unit. */
  private record Figure(String currency, BigDecimal value, String unit) {
    static Figure parse(String shown) {
      Matcher m = PLAIN.matcher(shown);
      return m.matches() ? new Figure(m.group(1), new BigDecimal(m.group(2)), m.group(3)) : null;
    }

    boolean bare() {
      return currency.isEmpty() && unit.isEmpty();
    }
  }

  /** The numbers and dates of the answer the source lacks, as a reader would write them. */
  static List<String> invented(GuardFeatures answer, String answerText, SourceText source) {
    GuardFeatures known = source.features();
    List<String> invented = new ArrayList<>();
    for (String number : answer.numbers()) {
      if (!number.equals("1") && !numberKnown(number, answerText, known, source)) {
        invented.add(display(number));
      }
    }
    for (String date : answer.dates()) {
      if (!dateKnown(date, known)) {
        invented.add(displayDate(date));
      }
    }
    return invented;
  }

  private static boolean numberKnown(
      String number, String answerText, GuardFeatures known, SourceText source) {
    if (known.numbers().contains(number) || known.dates().contains(number)) {
      return true;
    }
    Figure figure = Figure.parse(number);
    if (figure == null) {
      return literal(number, source.lower()); // a time or a version: only as written
    }
    for (String other : known.numbers()) {
      Figure candidate = Figure.parse(other);
      if (candidate != null && marksAgree(figure, candidate) && sameOrRounded(figure, candidate)) {
        return true;
      }
    }
    if (figure.bare()) {
      String plain = figure.value().stripTrailingZeros().toPlainString();
      if (isYear(figure.value())) {
        for (String date : known.dates()) {
          if (date.startsWith(plain)) {
            return true;
          }
        }
      }
      if (source.ordinalValues().contains(plain) || countWord(figure.value(), answerText)) {
        return true;
      }
    }
    // Written as is: "$1.2" of an answer cut before "million" (a percent or unit must match).
    return figure.unit().isEmpty()
        && literal(figure.currency() + figure.value().toPlainString(), source.lower());
  }

  /** The answer's marks may be fewer than the source's; a currency may be added, not changed. */
  private static boolean marksAgree(Figure answer, Figure source) {
    boolean currency =
        answer.currency().isEmpty()
            || answer.currency().equals(source.currency())
            || source.currency().isEmpty();
    boolean unit = answer.unit().isEmpty() || answer.unit().equals(source.unit());
    return currency && unit;
  }

  private static boolean sameOrRounded(Figure answer, Figure source) {
    BigDecimal a = answer.value().stripTrailingZeros();
    BigDecimal v = source.value().stripTrailingZeros();
    if (a.compareTo(v) == 0) {
      return true;
    }
    boolean rounded = a.precision() >= 2 && (a.scale() > 0 || a.compareTo(THOUSAND) >= 0);
    if (!rounded || v.scale() <= a.scale()) {
      return false; // the source's figure must be the finer one
    }
    // Rounded (v within half a unit of a) or cut (v within a unit above a).
    BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(-a.scale());
    BigDecimal half = unit.divide(BigDecimal.valueOf(2));
    return v.compareTo(a.subtract(half)) >= 0 && v.compareTo(a.add(unit)) < 0;
  }

  private static boolean isYear(BigDecimal value) {
    return value.scale() <= 0
        && value.compareTo(BigDecimal.valueOf(1000)) >= 0
        && value.compareTo(BigDecimal.valueOf(2999)) <= 0;
  }

  /** A count the answer writes as a word and never in digits. */
  private static boolean countWord(BigDecimal value, String answerText) {
    String lower = answerText.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, Integer> word : COUNT_WORDS.entrySet()) {
      if (value.compareTo(BigDecimal.valueOf(word.getValue())) == 0) {
        return Pattern.compile("\\b" + word.getKey() + "\\b").matcher(lower).find()
            && !literal(Integer.toString(word.getValue()), answerText);
      }
    }
    return false;
  }

  /** Whether the text holds the figure as written, not as part of a longer number. */
  private static boolean literal(String figure, String text) {
    int from = 0;
    for (int at = text.indexOf(figure); at >= 0; at = text.indexOf(figure, from)) {
      int end = at + figure.length();
      boolean before =
          at > 0 && (Character.isDigit(text.charAt(at - 1)) || digitMark(text, at - 1, -1));
      boolean after =
          end < text.length() && (Character.isDigit(text.charAt(end)) || digitMark(text, end, 1));
      if (!before && !after) {
        return true;
      }
      from = at + 1;
    }
    return false;
  }

  /** A '.' or ',' between digits: part of the number. */
  private static boolean digitMark(String text, int i, int direction) {
    char c = text.charAt(i);
    int next = i + direction;
    return (c == '.' || c == ',')
        && next >= 0
        && next < text.length()
        && Character.isDigit(text.charAt(next));
  }

  private static boolean dateKnown(String date, GuardFeatures known) {
    if (RELATIVE_DAYS.contains(date) || known.dates().contains(date)) {
      return true;
    }
    if (known.numbers().contains(date)) {
      return true; // "2024" read as a number in the source ("2024 was...")
    }
    for (String other : known.dates()) {
      if (agrees(date, other)) {
        return true;
      }
    }
    // A full date whose month and day the source gives without a year, and whose year it holds.
    if (date.length() == 10 && Character.isDigit(date.charAt(0))) {
      String year = date.substring(0, 4);
      boolean monthDay = known.dates().contains("--" + date.substring(5));
      boolean hasYear =
          known.numbers().contains(year)
              || known.dates().stream().anyMatch(d -> d.startsWith(year));
      return monthDay && hasYear;
    }
    return false;
  }

  /** Whether a source date has every part that the answer's date gives, equal. */
  private static boolean agrees(String answer, String source) {
    if (answer.startsWith("--")) {
      // Month or month-day without a year: compare with the source's month-day part.
      String monthDay = answer.substring(2);
      String sourcePart =
          source.startsWith("--")
              ? source.substring(2)
              : source.length() > 5 && Character.isDigit(source.charAt(0))
                  ? source.substring(5)
                  : null;
      return sourcePart != null && sourcePart.startsWith(monthDay);
    }
    if (!Character.isDigit(answer.charAt(0))) {
      return false; // a weekday: only the same one
    }
    // "2024" or "2024-03" of "2024-03-05".
    return source.startsWith(answer)
        && source.length() > answer.length()
        && source.charAt(answer.length()) == '-';
  }

  private static final Map<String, String> WEEKDAYS =
      Map.of(
          "mon", "Monday",
          "tue", "Tuesday",
          "wed", "Wednesday",
          "thu", "Thursday",
          "fri", "Friday",
          "sat", "Saturday",
          "sun", "Sunday");

  /** "2024-03-05" as it is, "--03-05" as "date 03-05", "fri" as "Friday". */
  static String displayDate(String date) {
    if (date.startsWith("--")) {
      return "date " + date.substring(2);
    }
    return WEEKDAYS.getOrDefault(date, date);
  }

  /** "$4812309" as "$4,812,309". */
  static String display(String number) {
    Figure figure = Figure.parse(number);
    if (figure == null || figure.value().compareTo(BigDecimal.valueOf(10_000)) < 0) {
      return number;
    }
    DecimalFormat grouped =
        new DecimalFormat("#,##0.##########", DecimalFormatSymbols.getInstance(Locale.ROOT));
    return figure.currency() + grouped.format(figure.value()) + figure.unit();
  }
}
