package io.precis.testkit.sim;

import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated model behind both APIs: its deterministic answers, its tokenizer and its
 * embeddings, public so that tests can predict what the simulator says.
 */
public final class SimulatedModel {

  /** The answer budget when a request sets none. */
  public static final int DEFAULT_MAX_TOKENS = 128;

  /** The answer to an empty text. */
  public static final String EMPTY_TEXT_ANSWER = "The text is empty.";

  /** The tokens added per chat message for its role and framing, as OpenAI counts them. */
  public static final int TOKENS_PER_MESSAGE = 4;

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
  private static final Pattern PIECE = Pattern.compile("\\S+\\s*|\\s+");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");

  private SimulatedModel() {}

  /** A model's answer and whether it was cut at the token budget. */
  record Answer(String text, boolean truncated) {
    Answer {
      Objects.requireNonNull(text, "text is null");
    }

    /** {@code "length"} when cut at the budget, else {@code "stop"}. */
    String finishReason() {
      return truncated ? "length" : "stop";
    }
  }

  /** The simulator's documented tokenizer: ceil(UTF-16 length / 4), so 0 for the empty text. */
  public static long tokens(String text) {
    Objects.requireNonNull(text, "text is null");
    return (text.length() + 3L) / 4;
  }

  /**
   * The part of a user message that is summarized: what follows its first blank line ({@code
   * "\n\n"}), where the instructions end, or the whole message if it has none.
   */
  public static String textToSummarize(String userMessage) {
    Objects.requireNonNull(userMessage, "userMessage is null");
    int blankLine = userMessage.indexOf("\n\n");
    return blankLine < 0 ? userMessage : userMessage.substring(blankLine + 2);
  }

  /**
   * The deterministic answer to a user message: the first sentences of {@link
   * #textToSummarize(String)}, whitespace-normalized, as many as fit in {@code maxTokens} (the
   * first one cut at a word boundary if even it does not fit); {@link #EMPTY_TEXT_ANSWER} for an
   * empty text.
   */
  public static String summarize(String userMessage, int maxTokens) {
    return answer(userMessage, maxTokens).text();
  }

  static Answer answer(String userMessage, int maxTokens) {
    return answer(userMessage, maxTokens, Integer.MAX_VALUE);
  }

  /**
   * The most words the instructions ask for ("... at most 60 words ..."), as a model that follows
   * its instructions keeps to; no limit when they name none.
   */
  static int wordLimit(String instructions) {
    if (instructions == null) {
      return Integer.MAX_VALUE;
    }
    java.util.regex.Matcher matcher = WORD_LIMIT.matcher(instructions);
    return matcher.find() ? Integer.parseInt(matcher.group(1)) : Integer.MAX_VALUE;
  }

  private static final java.util.regex.Pattern WORD_LIMIT =
      java.util.regex.Pattern.compile("at most (\\d{1,6}) words");

  static Answer answer(String userMessage, int maxTokens, int maxWords) {
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens is " + maxTokens + " but must be at least 1");
    }
    Answer answer = answerWithinTokens(userMessage, maxTokens);
    String[] words = answer.text().split(" ");
    if (words.length <= maxWords) {
      return answer;
    }
    return new Answer(
        String.join(" ", java.util.Arrays.copyOf(words, maxWords)), answer.truncated());
  }

  private static Answer answerWithinTokens(String userMessage, int maxTokens) {
    String text = normalize(textToSummarize(userMessage));
    if (text.isEmpty()) {
      return new Answer(EMPTY_TEXT_ANSWER, false);
    }
    long maxChars = 4L * maxTokens;
    StringBuilder answer = new StringBuilder();
    for (String sentence : SENTENCE_END.split(text)) {
      int length =
          answer.length() == 0 ? sentence.length() : answer.length() + 1 + sentence.length();
      if (length > maxChars) {
        if (answer.length() == 0) {
          return new Answer(cutAtWord(sentence, maxChars), true);
        }
        return new Answer(answer.toString(), true);
      }
      if (answer.length() > 0) {
        answer.append(' ');
      }
      answer.append(sentence);
    }
    return new Answer(answer.toString(), false);
  }

  /**
   * The answer of {@code model} to a user message under the quality rules: the first rule that
   * applies decides, else the faithful {@link #summarize} answer.
   */
  static Answer answer(String model, String userMessage, int maxTokens, List<QualityRule> rules) {
    return answer(model, null, userMessage, maxTokens, rules);
  }

  /**
   * As {@link #answer(String, String, int, List)}, keeping to the word limit the instructions (the
   * system message) set, if any.
   */
  static Answer answer(
      String model,
      String instructions,
      String userMessage,
      int maxTokens,
      List<QualityRule> rules) {
    String source = textToSummarize(userMessage);
    for (QualityRule rule : rules) {
      if (rule.appliesTo(model, source)) {
        return switch (rule.behaviour()) {
          case REFUSE -> new Answer(QualityRule.REFUSAL, false);
          case EMPTY -> new Answer("", false);
          case INVENT_NUMBERS ->
              withAddedSentence(
                  inventedSentence(source), userMessage, maxTokens, wordLimit(instructions));
          case IGNORE_WORD_LIMIT -> answer(userMessage, maxTokens);
          case OFF_TOPIC -> new Answer(QualityRule.OFF_TOPIC_ANSWER, false);
          case INVENT_ENTITY ->
              withAddedSentence(
                  inventedEntitySentence(source), userMessage, maxTokens, wordLimit(instructions));
        };
      }
    }
    return answer(userMessage, maxTokens, wordLimit(instructions));
  }

  /**
   * The public form of the answer under quality rules, for tests that check answers without a
   * server: what the simulator answers {@code model} for these messages, as {@link #summarize} does
   * when no rule applies.
   *
   * @param instructions the system message, or null
   */
  public static String summarize(
      String model,
      String instructions,
      String userMessage,
      int maxTokens,
      List<QualityRule> rules) {
    return answer(model, instructions, userMessage, maxTokens, rules).text();
  }

  /** The normal answer, shortened to leave room, plus {@code sentence}; the normal one if none. */
  private static Answer withAddedSentence(
      String sentence, String userMessage, int maxTokens, int maxWords) {
    String added = " " + sentence;
    long budget = maxTokens - tokens(added) - 1;
    int words = added.strip().split(" ").length;
    if (budget < 1 || maxWords <= words) {
      return answer(userMessage, maxTokens, maxWords);
    }
    Answer summary = answer(userMessage, (int) budget, maxWords - words);
    return new Answer(summary.text() + added, summary.truncated());
  }

  private static final List<String> INVENTED_ORGANISATIONS =
      List.of(
          "Northwind Analytics",
          "Contoso Holdings",
          "Fabrikam Research",
          "Tailspin Partners",
          "Woodgrove Auditing");

  /**
   * A sentence naming an organisation none of whose words occurs in {@code source} (in any case):
   * {@code "The figures were audited by Northwind Analytics."} unless the source mentions Northwind
   * or Analytics, and so on down a short list that ends with Quorvex Labs.
   */
  static String inventedEntitySentence(String source) {
    java.util.Set<String> words = new java.util.HashSet<>();
    for (String word : NOT_WORD.split(source.toLowerCase(Locale.ROOT))) {
      words.add(word);
    }
    for (String name : INVENTED_ORGANISATIONS) {
      boolean unseen =
          Arrays.stream(name.toLowerCase(Locale.ROOT).split(" ")).noneMatch(words::contains);
      if (unseen) {
        return "The figures were audited by " + name + ".";
      }
    }
    return "The figures were audited by Quorvex Labs.";
  }

  /**
   * A sentence stating a figure that occurs nowhere in {@code source}, in any of the usual
   * spellings: {@code "Revenue grew 137.5% to $4,812,309."} unless the source has those numbers.
   */
  static String inventedSentence(String source) {
    DecimalFormat grouped =
        new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
    for (int step = 0; ; step++) {
      String percent = String.format(Locale.ROOT, "%.1f", 137.5 + 7.3 * step);
      long amount = 4_812_309L + 1_000_003L * step;
      String amountText = grouped.format(amount);
      List<String> spellings =
          List.of(
              percent,
              percent.replace('.', ','),
              amountText,
              amountText.replace(',', '.'),
              amountText.replace(',', ' '),
              Long.toString(amount));
      if (spellings.stream().noneMatch(source::contains)) {
        return "Revenue grew " + percent + "% to $" + amountText + ".";
      }
    }
  }

  /**
   * A deterministic unit vector for a text: its lowercase words (letters and digits) feature-
   * hashed with a sign into {@code dimensions} buckets, L2-normalized, so texts sharing words point
   * the same way and identical texts get identical vectors. A text without words gets a fixed unit
   * vector.
   */
  public static float[] embed(String text, int dimensions) {
    Objects.requireNonNull(text, "text is null");
    if (dimensions < 1) {
      throw new IllegalArgumentException("dimensions is " + dimensions + " but must be at least 1");
    }
    double[] sums = new double[dimensions];
    for (String word : NOT_WORD.split(text.toLowerCase(Locale.ROOT))) {
      if (!word.isEmpty()) {
        long hash = hash(word);
        int bucket = (int) Math.floorMod(hash, (long) dimensions);
        sums[bucket] += hash < 0 ? -1 : 1;
      }
    }
    double norm = 0;
    for (double value : sums) {
      norm += value * value;
    }
    float[] vector = new float[dimensions];
    if (norm == 0) {
      Arrays.fill(vector, (float) (1 / Math.sqrt(dimensions)));
      return vector;
    }
    double length = Math.sqrt(norm);
    for (int i = 0; i < dimensions; i++) {
      vector[i] = (float) (sums[i] / length);
    }
    return vector;
  }

  /** FNV-1a over the UTF-8 bytes, then the SplitMix64 finalizer so every bit is mixed. */
  private static long hash(String word) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
    hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
    return hash ^ (hash >>> 31);
  }

  /**
   * The pieces a streamed answer arrives in: each word with the whitespace after it, so that the
   * pieces joined give the answer back.
   */
  static List<String> pieces(String answer) {
    List<String> pieces = new ArrayList<>();
    Matcher matcher = PIECE.matcher(answer);
    while (matcher.find()) {
      pieces.add(matcher.group());
    }
    return pieces;
  }

  private static String normalize(String text) {
    return WHITESPACE.matcher(text).replaceAll(" ").trim();
  }

  private static String cutAtWord(String sentence, long maxChars) {
    int end = -1;
    for (int space = sentence.indexOf(' ');
        space >= 0 && space <= maxChars;
        space = sentence.indexOf(' ', space + 1)) {
      end = space;
    }
    return end > 0 ? sentence.substring(0, end) : sentence.substring(0, (int) maxChars);
  }
}
