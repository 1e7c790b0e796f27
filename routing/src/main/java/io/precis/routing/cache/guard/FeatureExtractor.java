package io.precis.routing.cache.guard;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link GuardFeatures} out of a text. Dates come out first, then times, then numbers, then
 * codes (2FA, GPT-4); each is blanked once taken, so that the 2024 of a date is not also a number
 * and the 2 of 2FA is not a number at all. Words, names and negations are read from what is left.
 */
final class FeatureExtractor {
  private FeatureExtractor() {}

  private static final String MONTH =
      "(January|February|March|April|May|June|July|August|September|October|November|December"
          + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?";
  private static final Map<String, Integer> MONTHS = months();

  private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})\\b");
  private static final Pattern SLASH_DATE =
      Pattern.compile("\\b(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})\\b");
  private static final Pattern DOT_DATE =
      Pattern.compile("\\b(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})\\b");
  private static final Pattern MONTH_DAY =
      Pattern.compile("\\b" + MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?");
  private static final Pattern DAY_MONTH =
      Pattern.compile(
          "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?"
              + MONTH
              + "(?![a-z])(?:,?\\s+(\\d{4})\\b)?");
  private static final Pattern MONTH_YEAR = Pattern.compile("\\b" + MONTH + ",?\\s+(\\d{4})\\b");
  private static final Pattern MONTH_ALONE =
      Pattern.compile(
          "\\b(January|February|March|April|June|July|August|September|October|November|December)\\b");
  private static final Pattern WEEKDAY =
      Pattern.compile("\\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?\\b");
  private static final Pattern RELATIVE_DAY =
      Pattern.compile("(?i)\\b(today|tomorrow|yesterday|tonight)\\b");
  private static final Pattern YEAR =
      Pattern.compile("(?<![\\w$€£.,/-])(19\\d\\d|20\\d\\d)(?![\\w%]|[.,]\\d|\\s?percent)");

  private static final Pattern TIME_AMPM =
      Pattern.compile("(?i)(?<![\\w:.])(\\d{1,2})(?::(\\d{2}))?\\s?([ap])\\.?m\\.?(?!\\w)");
  private static final Pattern TIME_24 =
      Pattern.compile("(?<![\\w:.])(\\d{1,2}):(\\d{2})(?![\\w:])");

  private static final String WORD_NUMBER =
      "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
          + "|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty"
          + "|ninety|one|zero";
  private static final Map<String, Integer> WORD_VALUES = wordValues();
  private static final Pattern NUMBER =
      Pattern.compile(
          "(?<![\\w.,/$€£-])(?:([$€£])\\s?|(USD|EUR|GBP)\\s?)?"
              + "(?:(\\d+(?:\\.\\d+){2,})|(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?"
              + "|(?i:\\b("
              + WORD_NUMBER
              + ")(?:-(one|two|three|four|five|six|seven|eight|nine))?\\b))"
              + "(st|nd|rd|th)?");
  private static final Pattern NUMBER_SUFFIX =
      Pattern.compile(
          "(?i)(?:\\s?(%|percent\\b|per\\s?cent\\b)|(k|m|bn)\\b|\\s?(hundred|thousand|million|billion)\\b|\\s+(and\\s+a\\s+half)\\b"
              + "|\\s?(kb|mb|gb|tb|ms|kg|km|mg|ml|gbps|mbps|kwh|kw|mw|x)\\b)");
  private static final Pattern CURRENCY_WORD =
      Pattern.compile("(?i)\\s?(dollars?|euros?|pounds?|cents?|usd|eur|gbp)\\b");
  private static final Pattern CODE =
      Pattern.compile(
          "(?<![\\w])(?=[A-Za-z0-9.-]*[A-Za-z])(?=[A-Za-z0-9.-]*\\d)[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*");

  /** Where a pattern may match: at a word of the text that it can start with. */
  @FunctionalInterface
  private interface Start {
    boolean at(CharSequence text, int i);
  }

  private static final Start DIGIT = (t, i) -> Character.isDigit(t.charAt(i));
  private static final Start MONTH_START =
      (t, i) -> "JFMASOND".indexOf(t.charAt(i)) >= 0 && MONTHS.containsKey(prefix(t, i, 3));
  private static final Start WEEKDAY_START =
      (t, i) -> "MTWFS".indexOf(t.charAt(i)) >= 0 && word(t, i).matches("[A-Z][a-z]+days?");
  private static final Set<String> RELATIVE_DAYS =
      Set.of("today", "tomorrow", "yesterday", "tonight");
  private static final Start RELATIVE_START =
      (t, i) ->
          "tTyY".indexOf(t.charAt(i)) >= 0
              && RELATIVE_DAYS.contains(word(t, i).toLowerCase(Locale.ROOT));
  private static final Set<String> CURRENCY_CODES = Set.of("USD", "EUR", "GBP");
  private static final Start NUMBER_START =
      (t, i) -> {
        char c = t.charAt(i);
        if (Character.isDigit(c) || c == '$' || c == '€' || c == '£') {
          return true;
        }
        if (!Character.isLetter(c)) {
          return false;
        }
        String word = word(t, i);
        return CURRENCY_CODES.contains(word)
            || WORD_VALUES.containsKey(word.toLowerCase(Locale.ROOT));
      };

  /** A code holds a letter and a digit before the next space. */
  private static final Start CODE_START =
      (t, i) -> {
        boolean letter = false;
        boolean digit = false;
        for (int j = i; j < t.length(); j++) {
          char c = t.charAt(j);
          if (c == ' ' || c == '\n') {
            break;
          }
          letter |= Character.isLetter(c);
          digit |= Character.isDigit(c);
        }
        return letter && digit && Character.isLetterOrDigit(t.charAt(i));
      };

  private static final Pattern WORD = Pattern.compile("\\p{L}+(?:['-]\\p{L}+)*");

  static GuardFeatures extract(String raw) {
    String text = normalize(raw);
    StringBuilder work = new StringBuilder(text);
    Set<String> dates = new TreeSet<>();
    Set<String> numbers = new TreeSet<>();
    Set<String> entities = new LinkedHashSet<>();

    take(work, ISO_DATE, DIGIT, m -> date(m.group(1), m.group(2), m.group(3)), dates);
    take(
        work,
        SLASH_DATE,
        DIGIT,
        m -> {
          int first = Integer.parseInt(m.group(1));
          // US order unless the first part cannot be a month.
          return first > 12
              ? date(year(m.group(3)), m.group(2), m.group(1))
              : date(year(m.group(3)), m.group(1), m.group(2));
        },
        dates);
    take(work, DOT_DATE, DIGIT, m -> date(m.group(3), m.group(2), m.group(1)), dates);
    take(work, MONTH_DAY, MONTH_START, m -> date(m.group(3), month(m.group(1)), m.group(2)), dates);
    take(work, DAY_MONTH, DIGIT, m -> date(m.group(3), month(m.group(2)), m.group(1)), dates);
    take(work, MONTH_YEAR, MONTH_START, m -> date(m.group(2), month(m.group(1)), null), dates);
    take(work, MONTH_ALONE, MONTH_START, m -> date(null, month(m.group(1)), null), dates);
    take(
        work,
        WEEKDAY,
        WEEKDAY_START,
        m -> m.group(1).substring(0, 3).toLowerCase(Locale.ROOT),
        dates);
    take(work, RELATIVE_DAY, RELATIVE_START, m -> m.group(1).toLowerCase(Locale.ROOT), dates);
    take(
        work,
        TIME_AMPM,
        DIGIT,
        m -> {
          int hour = Integer.parseInt(m.group(1)) % 12;
          if (m.group(3).equalsIgnoreCase("p")) {
            hour += 12;
          }
          int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
          return hour < 24 && minute < 60
              ? String.format(Locale.ROOT, "%02d:%02d", hour, minute)
              : null;
        },
        numbers);
    take(
        work,
        TIME_24,
        DIGIT,
        m -> {
          int hour = Integer.parseInt(m.group(1));
          int minute = Integer.parseInt(m.group(2));
          return hour < 24 && minute < 60
              ? String.format(Locale.ROOT, "%02d:%02d", hour, minute)
              : null;
        },
        numbers);
    take(work, YEAR, DIGIT, m -> m.group(1), dates);
    takeNumbers(work, numbers);

    List<Integer> stems = new ArrayList<>();
    scan(
        work,
        CODE,
        CODE_START,
        m -> {
          entities.add(m.group());
          stems.add(Lexicon.hash(matchKey(m.group())));
          return m.end();
        });

    List<Token> tokens = tokens(work.toString());
    int negations = 0;
    Set<String> polarity = new TreeSet<>();
    List<Integer> negatedRoots = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      String lower = token.lower;
      String next = i + 1 < tokens.size() ? tokens.get(i + 1).lower : "";
      String afterNext = i + 2 < tokens.size() ? tokens.get(i + 2).lower : "";
      if (negates(lower, next, afterNext, text, token.end)) {
        negations++;
      }
      // "may not" and "must not" agree: a negated modal is left to the negation count.
      if (!(Lexicon.MODALS.contains(lower) && next.equals("not"))) {
        polarity.addAll(Lexicon.POLARITY.getOrDefault(Lexicon.stem(lower), List.of()));
      }
      String joined = lower.replace("-", "");
      if (!Lexicon.STOPWORDS.contains(lower)) {
        stems.add(Lexicon.hash(matchKey(lower)));
        // The parts of "cost-effective" are words of the text; "non" of "non-compliant" is not.
        if (lower.contains("-") && negatedRoot(joined).isEmpty()) {
          for (String part : lower.split("-")) {
            if (!part.isEmpty() && !Lexicon.STOPWORDS.contains(part)) {
              stems.add(Lexicon.hash(matchKey(part)));
            }
          }
        }
      }
      negatedRoot(joined).ifPresent(negatedRoots::add);
    }

    initials(tokens, stems);

    Set<String> weak = new LinkedHashSet<>();
    names(tokens, entities, weak);
    Map<String, String> strongByKey = new LinkedHashMap<>();
    for (String entity : entities) {
      strongByKey.putIfAbsent(entity.toLowerCase(Locale.ROOT), entity);
    }
    Set<String> weakOnly = new TreeSet<>();
    for (String w : weak) {
      if (!strongByKey.containsKey(w.toLowerCase(Locale.ROOT))) {
        weakOnly.add(w);
      }
    }

    return new GuardFeatures(
        countWords(text),
        negations,
        numbers,
        dates,
        strongByKey.values(),
        weakOnly,
        polarity,
        stems.stream().mapToInt(Integer::intValue).toArray(),
        negatedRoots.stream().mapToInt(Integer::intValue).toArray());
  }

  /** One word of the text with where it stands. */
  private record Token(
      String text, String lower, int start, int end, boolean sentenceStart, boolean joined) {}

  private static List<Token> tokens(String work) {
    List<Token> tokens = new ArrayList<>();
    Matcher m = WORD.matcher(work);
    int previousEnd = -1;
    while (m.find()) {
      String word = m.group();
      if (word.endsWith("'s") || word.endsWith("'S")) {
        word = word.substring(0, word.length() - 2);
      }
      // One or two spaces and nothing else between two words of a phrase.
      boolean joined =
          previousEnd >= 0
              && m.start() - previousEnd <= 2
              && work.substring(previousEnd, m.start()).isBlank()
              && !work.substring(previousEnd, m.start()).contains("\n");
      tokens.add(
          new Token(
              word,
              word.toLowerCase(Locale.ROOT),
              m.start(),
              m.end(),
              sentenceStart(work, m.start()),
              joined));
      previousEnd = m.end();
    }
    return tokens;
  }

  /**
   * Whether a word opens a sentence: nothing but spaces, quotes, brackets or a list bullet between
   * it and the start of the text, a line break, or a sentence's closing mark.
   */
  private static boolean sentenceStart(String work, int start) {
    int i = start - 1;
    while (i >= 0 && " \t\"'([{*•-".indexOf(work.charAt(i)) >= 0) {
      i--;
    }
    if (i < 0) {
      return true;
    }
    char c = work.charAt(i);
    return c == '\n' || c == '\r' || c == '.' || c == '!' || c == '?' || c == ':' || c == ';';
  }

  /**
   * The initials of every run of two to five content words ("service level agreement" gives sla,
   * "multi-factor authentication" mfa), hashed like words, so that an acronym of one text finds its
   * spelled-out form in the other.
   */
  private static void initials(List<Token> tokens, List<Integer> hashes) {
    List<Character> run = new ArrayList<>();
    for (Token token : tokens) {
      if (!token.joined || token.sentenceStart) {
        run.clear();
      }
      if (Lexicon.STOPWORDS.contains(token.lower)) {
        continue;
      }
      for (String part : token.lower.split("-")) {
        if (part.isEmpty()) {
          continue;
        }
        run.add(part.charAt(0));
        StringBuilder letters = new StringBuilder();
        for (int i = run.size() - 1; i >= 0 && run.size() - i <= 5; i--) {
          letters.insert(0, run.get(i));
          if (letters.length() >= 2) {
            hashes.add(Lexicon.hash(letters.toString()));
          }
        }
      }
    }
  }

  /** Capitalised words and acronyms, grouped into phrases ("Acme Corp", "Bank of America"). */
  private static void names(List<Token> tokens, Set<String> strong, Set<String> weak) {
    Set<Integer> capsSentences = capsSentences(tokens);
    int sentence = -1;
    List<Token> phrase = new ArrayList<>();
    for (int i = 0; i <= tokens.size(); i++) {
      Token token = i < tokens.size() ? tokens.get(i) : null;
      if (token != null && token.sentenceStart) {
        sentence++;
      }
      boolean continues =
          token != null
              && !phrase.isEmpty()
              && !token.sentenceStart
              && token.joined
              && (capitalised(token, capsSentences.contains(sentence))
                  || (token.text.length() == 1 && Character.isUpperCase(token.text.charAt(0))));
      boolean connector =
          token != null
              && !phrase.isEmpty()
              && (token.lower.equals("of") || token.lower.equals("&"))
              && i + 1 < tokens.size()
              && capitalised(tokens.get(i + 1), capsSentences.contains(sentence))
              && token.joined
              && tokens.get(i + 1).joined;
      if (continues || connector) {
        phrase.add(token);
        continue;
      }
      if (!phrase.isEmpty()) {
        name(phrase, previousOf(tokens, phrase.get(0)), strong, weak);
        phrase = new ArrayList<>();
      }
      if (token != null
          && capitalised(token, capsSentences.contains(sentence))
          && !token.text.equals("I")) {
        phrase.add(token);
      }
    }
  }

  private static Token previousOf(List<Token> tokens, Token first) {
    int index = tokens.indexOf(first);
    return index > 0 ? tokens.get(index - 1) : null;
  }

  /**
   * Sorts a phrase of capitalised words into names (strong: inside a sentence, an acronym, several
   * words) and maybe-names (weak: a sentence's first word, or a defined term such as "the
   * Customer").
   */
  private static void name(List<Token> phrase, Token before, Set<String> strong, Set<String> weak) {
    boolean atStart = phrase.get(0).sentenceStart;
    int from = 0;
    while (from < phrase.size()
        && (Lexicon.STOPWORDS.contains(phrase.get(from).lower)
            || (atStart
                && phrase.size() - from > 1
                && Lexicon.COMMON_STARTERS.contains(phrase.get(from).lower)))) {
      from++;
    }
    int to = phrase.size();
    while (to > from && Lexicon.STOPWORDS.contains(phrase.get(to - 1).lower)) {
      to--;
    }
    if (from >= to) {
      return;
    }
    List<Token> kept = phrase.subList(from, to);
    StringBuilder display = new StringBuilder();
    boolean meaningful = false;
    for (Token token : kept) {
      if (display.length() > 0) {
        display.append(' ');
      }
      display.append(token.text);
      meaningful |=
          !Lexicon.STOPWORDS.contains(token.lower)
              && !Lexicon.COMPANY_SUFFIXES.contains(token.lower);
    }
    if (!meaningful) {
      return;
    }
    Token first = kept.get(0);
    boolean acronym = isAcronym(first.text);
    Token beforeKept = from > 0 ? phrase.get(from - 1) : before;
    boolean definedTerm =
        kept.size() == 1
            && !acronym
            && beforeKept != null
            && first.joined
            && Lexicon.DETERMINERS.contains(beforeKept.lower);
    if (definedTerm) {
      weak.add(display.toString());
    } else if (from > 0 || !atStart || kept.size() > 1 || acronym) {
      strong.add(display.toString());
    } else if (!Lexicon.looksCommon(first.lower)) {
      weak.add(display.toString());
    }
  }

  /**
   * Sentences that are mostly in capitals (a licence's disclaimer): capitals there mean nothing.
   */
  private static Set<Integer> capsSentences(List<Token> tokens) {
    Map<Integer, int[]> counts = new LinkedHashMap<>();
    int sentence = -1;
    for (Token token : tokens) {
      if (token.sentenceStart) {
        sentence++;
      }
      int[] c = counts.computeIfAbsent(sentence, k -> new int[2]);
      c[0]++;
      if (isAcronym(token.text)) {
        c[1]++;
      }
    }
    int words = tokens.size();
    int capitals = counts.values().stream().mapToInt(c -> c[1]).sum();
    boolean capsText = words >= 3 && capitals * 2 > words;
    Set<Integer> caps = new java.util.HashSet<>();
    counts.forEach(
        (s, c) -> {
          if (capsText || (c[0] >= 2 && c[1] * 2 > c[0])) {
            caps.add(s);
          }
        });
    return caps;
  }

  private static boolean capitalised(Token token, boolean capsSentence) {
    String t = token.text;
    if (t.length() < 2 || !Character.isUpperCase(t.charAt(0))) {
      return false;
    }
    if (isAcronym(t)) {
      return !capsSentence
          && !Lexicon.STOPWORDS.contains(token.lower)
          && !Lexicon.NEGATIONS.contains(token.lower);
    }
    return t.chars().anyMatch(Character::isLowerCase);
  }

  private static boolean isAcronym(String t) {
    int letters = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (Character.isLetter(c)) {
        if (!Character.isUpperCase(c)) {
          return false;
        }
        letters++;
      }
    }
    return letters >= 2;
  }

  private static boolean negates(
      String lower, String next, String afterNext, String text, int end) {
    if (lower.equals("rather") || lower.equals("instead")) {
      return next.equals(lower.equals("rather") ? "than" : "of");
    }
    if (lower.equals("no")) {
      if (Lexicon.COMPARATIVES.contains(next) && afterNext.equals("than")) {
        return false;
      }
      // "No. 5" and "no. #5" number things.
      int i = end;
      if (i < text.length() && text.charAt(i) == '.') {
        i++;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
          i++;
        }
        if (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '#')) {
          return false;
        }
      }
      return true;
    }
    if (lower.equals("not")) {
      return !next.equals("only");
    }
    if (Lexicon.NEGATIONS.contains(lower) || lower.endsWith("n't")) {
      return true;
    }
    return Lexicon.stem(lower).equals("fail") && next.equals("to");
  }

  /** The hashed stem of the word a negating prefix was put before (lawful of unlawful). */
  private static java.util.Optional<Integer> negatedRoot(String word) {
    for (String prefix : Lexicon.NEGATING_PREFIXES) {
      if (!word.startsWith(prefix)) {
        continue;
      }
      String root = word.substring(prefix.length());
      boolean latin = prefix.startsWith("i");
      String stem = Lexicon.stem(root);
      if (root.length() >= (latin ? 5 : 4)
          && (!latin || Lexicon.ADJECTIVE_ENDINGS.stream().anyMatch(root::endsWith))
          && !Lexicon.STOPWORDS.contains(root)
          && !Lexicon.NOT_ROOTS.contains(root)
          && !Lexicon.NOT_ROOTS.contains(stem)) {
        return java.util.Optional.of(Lexicon.hash(stem));
      }
      return java.util.Optional.empty();
    }
    return java.util.Optional.empty();
  }

  /** How a word is compared across texts: codes as written, words by stem, hyphens dropped. */
  static String matchKey(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    if (lower.chars().anyMatch(Character::isDigit) || isAcronym(word)) {
      return lower;
    }
    return Lexicon.stem(lower.replace("-", "").replace("'", ""));
  }

  private static void takeNumbers(StringBuilder work, Set<String> numbers) {
    scan(work, NUMBER, NUMBER_START, m -> number(work, m, numbers));
  }

  /** Adds the number a match starts, with what follows it (percent, million, dollars...). */
  private static int number(StringBuilder work, Matcher m, Set<String> numbers) {
    int end = m.end();
    String value = numberValue(m);
    if (value == null) {
      return -1;
    }
    BigDecimal number = new BigDecimal(value);
    String prefix = m.group(1) != null ? m.group(1) : currency(m.group(2));
    String suffix = "";
    boolean unit = false;
    Matcher s = NUMBER_SUFFIX.matcher(work);
    while (m.group(3) == null && m.group(8) == null) {
      s.region(end, work.length());
      if (!s.lookingAt()) {
        break;
      }
      if (s.group(1) != null) {
        suffix = "%";
      } else if (s.group(4) != null) {
        number = number.add(new BigDecimal("0.5"));
      } else if (s.group(2) != null || s.group(3) != null) {
        number = number.multiply(multiplier(s.group(2) != null ? s.group(2) : s.group(3)));
      } else {
        suffix = s.group(5).toLowerCase(Locale.ROOT);
      }
      unit = true;
      end = s.end();
    }
    Matcher c = CURRENCY_WORD.matcher(work);
    c.region(end, work.length());
    if (prefix == null && c.lookingAt()) {
      prefix = currency(c.group(1));
      if (c.group(1).toLowerCase(Locale.ROOT).startsWith("cent")) {
        number = number.movePointLeft(2);
      }
      end = c.end();
      unit = true;
    }
    if (!unit && end < work.length() && Character.isLetterOrDigit(work.charAt(end))) {
      return -1; // 2FA, 3D: a code, not a number
    }
    String shown = m.group(3) != null ? m.group(3) : number.stripTrailingZeros().toPlainString();
    numbers.add((prefix == null ? "" : prefix) + shown + suffix);
    return end;
  }

  private static String numberValue(Matcher m) {
    if (m.group(3) != null) {
      return "0"; // a version, shown as written
    }
    if (m.group(4) != null) {
      return m.group(4).replace(",", "") + (m.group(5) == null ? "" : m.group(5));
    }
    int value = WORD_VALUES.get(m.group(6).toLowerCase(Locale.ROOT));
    if (m.group(7) != null) {
      if (value < 20 || value % 10 != 0) {
        return null; // "one-two" is not a number
      }
      value += WORD_VALUES.get(m.group(7).toLowerCase(Locale.ROOT));
    }
    return String.valueOf(value);
  }

  private static BigDecimal multiplier(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "k", "thousand" -> BigDecimal.valueOf(1_000);
      case "hundred" -> BigDecimal.valueOf(100);
      case "m", "million" -> BigDecimal.valueOf(1_000_000);
      default -> BigDecimal.valueOf(1_000_000_000);
    };
  }

  private static String currency(String code) {
    if (code == null) {
      return null;
    }
    String c = code.toLowerCase(Locale.ROOT);
    if (c.startsWith("dollar") || c.startsWith("cent") || c.equals("usd")) {
      return "$";
    }
    if (c.startsWith("euro") || c.equals("eur")) {
      return "€";
    }
    return "£";
  }

  private static void take(
      StringBuilder work,
      Pattern pattern,
      Start start,
      Function<Matcher, String> value,
      Set<String> into) {
    scan(
        work,
        pattern,
        start,
        m -> {
          String v = value.apply(m);
          if (v == null) {
            return -1;
          }
          into.add(v);
          return m.end();
        });
  }

  /**
   * Tries a pattern only where a match can start (a character it starts with, at the start of a
   * word), which is many times faster than a find() over the whole text, and blanks what was taken.
   *
   * @param taken the end of the span a match takes, or -1 to take nothing
   */
  private static void scan(
      StringBuilder work, Pattern pattern, Start start, ToIntFunction<Matcher> taken) {
    Matcher m = pattern.matcher(work).useTransparentBounds(true).useAnchoringBounds(false);
    List<int[]> spans = new ArrayList<>();
    int n = work.length();
    for (int i = 0; i < n; i++) {
      if ((i > 0 && Character.isLetterOrDigit(work.charAt(i - 1))) || !start.at(work, i)) {
        continue;
      }
      m.region(i, n);
      if (!m.lookingAt()) {
        continue;
      }
      int end = taken.applyAsInt(m);
      if (end > i) {
        spans.add(new int[] {i, end});
        i = end - 1;
      }
    }
    for (int[] span : spans) {
      blank(work, span[0], span[1]);
    }
  }

  private static void blank(StringBuilder work, int start, int end) {
    for (int i = start; i < end; i++) {
      work.setCharAt(i, ' ');
    }
  }

  private static String date(String year, Object month, String day) {
    int m = month instanceof Integer i ? i : Integer.parseInt((String) month);
    if (m < 1 || m > 12) {
      return null;
    }
    String md = String.format(Locale.ROOT, "%02d", m);
    if (day != null) {
      int d = Integer.parseInt(day);
      if (d < 1 || d > 31) {
        return null;
      }
      md += String.format(Locale.ROOT, "-%02d", d);
    }
    return year == null
        ? "--" + md
        : String.format(Locale.ROOT, "%04d", Integer.parseInt(year)) + "-" + md;
  }

  private static String year(String year) {
    return year.length() == 2 ? "20" + year : year;
  }

  private static Integer month(String name) {
    String key = name.replace(".", "").toLowerCase(Locale.ROOT);
    return MONTHS.get(key.substring(0, 3));
  }

  private static Map<String, Integer> months() {
    String[] names = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
    };
    Map<String, Integer> months = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      months.put(names[i], i + 1);
    }
    return Map.copyOf(months);
  }

  private static Map<String, Integer> wordValues() {
    String[] small = WORD_NUMBER.split("\\|");
    Map<String, Integer> values = new LinkedHashMap<>();
    int[] numbers = {
      2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 30, 40, 50, 60, 70, 80,
      90, 1, 0
    };
    for (int i = 0; i < small.length; i++) {
      values.put(small[i], numbers[i]);
    }
    return Map.copyOf(values);
  }

  private static int countWords(String text) {
    int words = 0;
    Matcher m = Pattern.compile("[\\p{L}\\p{N}]+").matcher(text);
    while (m.find()) {
      words++;
    }
    return words;
  }

  /** The run of letters at i. */
  private static String word(CharSequence text, int i) {
    int end = i;
    while (end < text.length() && Character.isLetter(text.charAt(end))) {
      end++;
    }
    return text.subSequence(i, end).toString();
  }

  /** Up to n letters at i, lower case. */
  private static String prefix(CharSequence text, int i, int n) {
    String word = word(text, i);
    return word.substring(0, Math.min(n, word.length())).toLowerCase(Locale.ROOT);
  }

  private static String normalize(String text) {
    String plain =
        text.replace('\u2019', '\'')
            .replace('\u2018', '\'')
            .replace('\u201c', '"')
            .replace('\u201d', '"')
            .replace('\u00a0', ' ')
            .replace('\u2013', '-')
            .replace('\u2014', '-');
    // Runs of spaces become one space, runs of line breaks (with the spaces around) one break.
    StringBuilder out = new StringBuilder(plain.length());
    for (int i = 0; i < plain.length(); i++) {
      char c = plain.charAt(i);
      boolean lineBreak = c == '\n' || c == '\r';
      if (!lineBreak && !Character.isWhitespace(c)) {
        out.append(c);
        continue;
      }
      int last = out.length() - 1;
      if (last >= 0 && out.charAt(last) == ' ') {
        out.setLength(last);
        last--;
      }
      char mark = lineBreak || (last >= 0 && out.charAt(last) == '\n') ? '\n' : ' ';
      if (last >= 0 && out.charAt(last) == '\n') {
        continue;
      }
      out.append(mark);
    }
    return out.toString();
  }
}
