package io.precis.routing.cache.guard;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The English word lists and the light stemmer the guards read texts with. Small on purpose: the
 * guards look for a few kinds of difference (negation, polarity, names), not for meaning.
 */
final class Lexicon {
  private Lexicon() {}

  /** Function words: never content, never a name, never a root of a prefixed antonym. */
  static final Set<String> STOPWORDS =
      words(
          """
          a about above after again against all also am an and any are as at be because been before
          being below between both but by can could did do does doing down during each either every
          few for from further had has have having he her here hers him his how i if in into is it
          its just may me might more most must my neither no nor not of off on once only or other
          our ours out over own same shall she should so some such than that the their theirs them
          then there these they this those through to too under until up upon very was we were what
          when where which while who whom why will with within without would you your yours via per
          unless however therefore thus otherwise although though since once whether yet many much
          whose onto among across along
          """);

  /**
   * Words that often open a sentence in business, legal and technical prose without being a name: a
   * capitalised first word of a sentence counts as a possible name only when it is none of these,
   * no stopword and has no common English ending.
   */
  static final Set<String> COMMON_STARTERS =
      words(
          """
          please note see use click go make keep send ask get set add check contact enter select
          open read sign submit remember ensure review reset change update delete remove create
          enable disable turn run call email store save log pay return refund report request notify
          tell give take let find start stop try visit write list show print upload download install
          configure restart back copy move press type choose pick follow attach approve apply book
          buy sell file fill complete confirm cancel renew close lock unlock share allow avoid never
          always now today new old late early first last next then only full most many several staff
          data access payment interest tenant landlord vendor client customer user employee employer
          manager team company software license licence agreement contract policy section clause
          invoice account password order price cost fee tax revenue profit sales support service
          product project work time leave notice termination either neither both everyone anyone
          someone nobody none one two three further additionally finally instead thank thanks hello
          dear yes ok okay if unless where whereas notwithstanding subject upon all any each every
          no our your their its his her we they you it there here what who how why when which while
          because although
          """);

  /**
   * Words before a capitalised word that make it a defined term ("the Customer") more than a name.
   */
  static final Set<String> DETERMINERS =
      words(
          """
          the this that such each any every a an said all
          """);

  /** Common English endings: a sentence's first word with one of these is taken as a word. */
  static final List<String> COMMON_ENDINGS =
      List.of(
          "s", "ment", "tion", "sion", "ing", "ed", "ly", "ity", "ance", "ence", "ness", "er", "or",
          "al", "ive", "ous", "able", "ible", "ful", "less", "ant", "ent", "ist", "ism", "ure",
          "age", "ship", "ery", "ary", "ory", "ice", "ise", "ize", "ate", "ee", "ty", "cy");

  /** Company suffixes: shown with a name but not needed for two names to match. */
  static final Set<String> COMPANY_SUFFIXES =
      words(
          """
          inc corp corporation ltd llc llp gmbh co plc ag sa limited company group holdings
          """);

  /** Words that negate the clause they stand in (contractions with n't count too). */
  static final Set<String> NEGATIONS =
      words(
          """
          not no never without cannot none nobody nothing neither nowhere unless unable prohibit
          prohibits prohibited prohibiting forbid forbids forbidden forbidding deny denies denied
          denying refuse refuses refused refusing reject rejects rejected rejecting decline declines
          declined declining block blocks blocked blocking
          """);

  /** Modal verbs: obligation (must, shall) against permission (may), unless negated. */
  static final Set<String> MODALS = words("must may shall can");

  /** After "no", these compare rather than negate: "no later than", "no more than". */
  static final Set<String> COMPARATIVES =
      words(
          """
          later earlier sooner more less fewer greater higher lower
          """);

  /** Prefixes that turn a word into its opposite (lawful / unlawful, compliant / non-compliant). */
  static final List<String> NEGATING_PREFIXES = List.of("non", "dis", "un", "in", "im", "il", "ir");

  /**
   * Endings of the roots that in-, im-, il- and ir- negate (valid, secure, legal, possible):
   * without them "invoice" would be the opposite of "voice".
   */
  static final List<String> ADJECTIVE_ENDINGS =
      List.of(
          "id", "ive", "ect", "ete", "ure", "ate", "able", "ible", "ent", "ant", "al", "ar", "er",
          "ous", "ful", "ic", "le");

  /** Roots that look prefixed but are not opposites of a word (dis+able is not un-able). */
  static final Set<String> NOT_ROOTS =
      words(
          """
          able abl less til der ion
          """);

  /**
   * Words of opposite polarity whose opposition a cosine barely sees: a text holding one side and
   * another holding only the other side differ. Verbs that negate (deny, reject, prohibit) are in
   * {@link #NEGATIONS} instead, so that "not allowed" and "denied" agree.
   */
  static final List<String[]> OPPOSITES =
      List.of(
          new String[] {"enable", "disable"},
          new String[] {"include", "exclude"},
          new String[] {"inclusive", "exclusive"},
          new String[] {"grant", "revoke"},
          new String[] {"increase", "decrease"},
          new String[] {"increase", "reduce"},
          new String[] {"raise", "lower"},
          new String[] {"add", "remove"},
          new String[] {"open", "close"},
          new String[] {"start", "stop"},
          new String[] {"before", "after"},
          new String[] {"above", "below"},
          new String[] {"more", "less"},
          new String[] {"more", "fewer"},
          new String[] {"maximum", "minimum"},
          new String[] {"max", "min"},
          new String[] {"required", "optional"},
          new String[] {"mandatory", "optional"},
          new String[] {"public", "private"},
          new String[] {"internal", "external"},
          new String[] {"inbound", "outbound"},
          new String[] {"upgrade", "downgrade"},
          new String[] {"upload", "download"},
          new String[] {"import", "export"},
          new String[] {"buy", "sell"},
          new String[] {"buyer", "seller"},
          new String[] {"purchase", "sale"},
          new String[] {"lender", "borrower"},
          new String[] {"employer", "employee"},
          new String[] {"landlord", "tenant"},
          new String[] {"licensor", "licensee"},
          new String[] {"debtor", "creditor"},
          new String[] {"sender", "recipient"},
          new String[] {"credit", "debit"},
          new String[] {"profit", "loss"},
          new String[] {"gain", "loss"},
          new String[] {"income", "expense"},
          new String[] {"asset", "liability"},
          new String[] {"success", "failure"},
          new String[] {"succeed", "fail"},
          new String[] {"pass", "fail"},
          new String[] {"true", "false"},
          new String[] {"always", "never"},
          new String[] {"high", "low"},
          new String[] {"higher", "lower"},
          new String[] {"highest", "lowest"},
          new String[] {"earliest", "latest"},
          new String[] {"first", "last"},
          new String[] {"rise", "fall"},
          new String[] {"win", "lose"},
          new String[] {"encrypt", "decrypt"},
          new String[] {"encrypted", "plaintext"},
          new String[] {"on", "off"},
          new String[] {"must", "may"},
          new String[] {"shall", "may"},
          new String[] {"online", "offline"},
          new String[] {"input", "output"},
          new String[] {"senior", "junior"},
          new String[] {"overpaid", "underpaid"},
          new String[] {"overestimate", "underestimate"},
          new String[] {"surplus", "deficit"},
          new String[] {"positive", "negative"},
          new String[] {"permanent", "temporary"},
          new String[] {"full-time", "part-time"});

  /** Stem of each side of {@link #OPPOSITES} to the markers it sets: pair hash and sign. */
  static final Map<String, List<String>> POLARITY = polarity();

  private static Map<String, List<String>> polarity() {
    Map<String, List<String>> markers = new HashMap<>();
    for (String[] pair : OPPOSITES) {
      String id = hex(hash(stem(pair[0]) + "/" + stem(pair[1])));
      markers.computeIfAbsent(stem(pair[0]), k -> new java.util.ArrayList<>()).add(id + "+");
      markers.computeIfAbsent(stem(pair[1]), k -> new java.util.ArrayList<>()).add(id + "-");
    }
    markers.replaceAll((k, v) -> List.copyOf(v));
    return Map.copyOf(markers);
  }

  /** The words of a text block, split at white space. */
  private static Set<String> words(String words) {
    return Set.copyOf(java.util.Arrays.asList(words.strip().split("\\s+")));
  }

  /**
   * A light suffix stripper, enough to make "allowed", "allows" and "allowing" one stem, and the
   * same on both sides of a comparison (it need not give dictionary words).
   */
  static String stem(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    if (w.length() <= 3) {
      return w;
    }
    if (w.endsWith("ies") && w.length() > 4) {
      w = w.substring(0, w.length() - 3) + "y";
    } else if (w.endsWith("sses")) {
      w = w.substring(0, w.length() - 2);
    } else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
      w = w.substring(0, w.length() - 1);
    }
    if (w.endsWith("ing") && w.length() >= 5) {
      w = undouble(w.substring(0, w.length() - 3));
    } else if (w.endsWith("ed") && w.length() >= 4) {
      w = undouble(w.substring(0, w.length() - 2));
    }
    if (w.endsWith("e") && w.length() > 3) {
      w = w.substring(0, w.length() - 1);
    }
    if (w.endsWith("y") && w.length() > 3) {
      w = w.substring(0, w.length() - 1) + "i";
    }
    return w;
  }

  private static String undouble(String w) {
    int n = w.length();
    if (n >= 3 && w.charAt(n - 1) == w.charAt(n - 2) && "bdfgmnprt".indexOf(w.charAt(n - 1)) >= 0) {
      return w.substring(0, n - 1);
    }
    return w;
  }

  /** FNV-1a, 32 bits: stable across JVMs and versions, unlike String.hashCode's contract. */
  static int hash(String text) {
    int h = 0x811c9dc5;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x01000193;
    }
    return h;
  }

  static String hex(int value) {
    return String.format(Locale.ROOT, "%08x", value);
  }

  /** Whether a sentence's first word looks like an ordinary word rather than a name. */
  static boolean looksCommon(String lower) {
    if (STOPWORDS.contains(lower) || COMMON_STARTERS.contains(lower)) {
      return true;
    }
    for (String ending : COMMON_ENDINGS) {
      if (lower.endsWith(ending) && lower.length() > ending.length() + 2) {
        return true;
      }
    }
    return false;
  }
}
