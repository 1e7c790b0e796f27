package io.precis.summarize;

import io.precis.core.config.SummarySettings;
import io.precis.core.config.TierSettings;
import io.precis.core.errors.Errors;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The tree of reduce calls that turns a document's chunk summaries into one summary, planned before
 * the first call so that the number of calls is bounded whatever the model answers.
 *
 * <p><b>The plan.</b> Let B be the input budget of one call ({@code summary.reduce-input-tokens}),
 * P the tokens of the reduce prompt without summaries (system and user message, and {@value
 * CostEstimator#TOKENS_PER_MESSAGE} template tokens for each), s = {@value #SEPARATOR_TOKENS} the
 * tokens of the blank line between two summaries, and M the reduce tier's {@code
 * max-output-tokens}. A call holds at most K = B - P tokens of summaries.
 *
 * <ul>
 *   <li>Level 0 reads the n chunk summaries of t<sub>1</sub>..t<sub>n</sub> tokens. A summary of
 *       more than K tokens is first cut to K: to the longest prefix of at most K tokens that ends
 *       at a word, so that it fits a call on its own. Consecutive summaries are then packed
 *       greedily, in order, into g<sub>0</sub> groups of at most K tokens (separators included).
 *       Each group is reduced by one call, except a group of one summary of at most M tokens, which
 *       goes up unchanged.
 *   <li>Every answer is at most M tokens: the tier's {@code max-output-tokens} caps it, whatever
 *       the model does with the word limit. So a call fits f = floor((K + s) / (M + s)) answers,
 *       the fan-in, which the settings must make at least 2. Each higher level groups the items of
 *       the level below f at a time, in order; a group of one goes up unchanged. It stops at one
 *       item, the document's summary.
 * </ul>
 *
 * <p><b>The bound.</b> The tree depends only on t<sub>1</sub>..t<sub>n</sub>, P, B and M, all known
 * before the first call, and a run makes at most one call per node of it; so the calls made are at
 * most {@link #maxCalls()} (exactly that many when no answer comes from the cache and no call
 * fails), never more, however long or short the answers are. Every call reads at most B tokens:
 * level 0 by construction; above, at most f answers of at most M tokens each. As for the number:
 * level 0 makes at most g<sub>0</sub> <= n calls. Above it, each level divides the number of items
 * by f, rounded up, so there are D = ceil(log<sub>f</sub> g<sub>0</sub>) levels; each call merges k
 * >= 2 items into one, and all calls of a level but its last merge exactly f, while the calls
 * together remove g<sub>0</sub> - 1 items. With c calls above level 0: (c - D)(f - 1) + D <=
 * g<sub>0</sub> - 1, so
 *
 * <pre>
 *   maxCalls <= g0 + D + floor((g0 - 1 - D) / (f - 1))  <=  2 g0 - 1  <=  2 n - 1
 * </pre>
 *
 * <p>and g<sub>0</sub> is about (total summary tokens) / K, since two neighbouring level-0 groups
 * together never fit K. A plan of more calls than {@code summary.max-reduce-calls} is refused
 * before any call (see {@link DocumentReducer}).
 */
public final class ReducePlan implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What joins two summaries in a reduce call's input: a blank line. */
  public static final String SEPARATOR = "\n\n";

  /** The tokens the plan counts for each {@link #SEPARATOR}. */
  public static final int SEPARATOR_TOKENS = 1;

  /**
   * One node of the tree: the items {@code [from, to)} of the level below (of the chunk summaries,
   * on level 0), reduced into one by a call; or, when {@code call} is false, the single item {@code
   * from} passed up unchanged.
   */
  public record Node(int from, int to, boolean call) implements Serializable {
    public int size() {
      return to - from;
    }
  }

  private final List<Integer> tokens;
  private final int promptTokens;
  private final int inputBudget;
  private final int maxOutputTokens;
  private final int fanIn;
  private final int cut;
  private final List<List<Node>> levels;
  private final int maxCalls;

  private ReducePlan(
      List<Integer> tokens,
      int promptTokens,
      int inputBudget,
      int maxOutputTokens,
      int fanIn,
      int cut,
      List<List<Node>> levels) {
    this.tokens = tokens;
    this.promptTokens = promptTokens;
    this.inputBudget = inputBudget;
    this.maxOutputTokens = maxOutputTokens;
    this.fanIn = fanIn;
    this.cut = cut;
    this.levels = levels;
    this.maxCalls = (int) levels.stream().flatMap(List::stream).filter(Node::call).count();
  }

  /**
   * The plan for summaries of these token counts.
   *
   * @param promptTokens P, the tokens of a reduce call's input besides the summaries
   * @param inputBudget B, the most tokens a call may read
   * @param maxOutputTokens M, the most tokens an answer may have
   * @throws IllegalArgumentException when a call cannot hold two answers (fan-in below 2)
   */
  public static ReducePlan of(
      List<Integer> summaryTokens, int promptTokens, int inputBudget, int maxOutputTokens) {
    int fanIn = fanIn(promptTokens, inputBudget, maxOutputTokens);
    if (fanIn < 2) {
      throw new IllegalArgumentException(
          "a reduce call of "
              + inputBudget
              + " tokens with a prompt of "
              + promptTokens
              + " cannot hold two answers of "
              + maxOutputTokens
              + " tokens");
    }
    int limit = inputBudget - promptTokens;
    List<Integer> tokens = new ArrayList<>(summaryTokens.size());
    int cut = 0;
    for (int t : summaryTokens) {
      if (t < 0) {
        throw new IllegalArgumentException("a summary of " + t + " tokens");
      }
      if (t > limit) {
        cut++;
      }
      tokens.add(Math.min(t, limit));
    }
    List<List<Node>> levels = new ArrayList<>();
    if (tokens.size() >= 2) {
      List<Node> first = firstLevel(tokens, limit, maxOutputTokens);
      levels.add(first);
      for (int items = first.size(); items > 1; items = levels.get(levels.size() - 1).size()) {
        List<Node> level = new ArrayList<>();
        for (int from = 0; from < items; from += fanIn) {
          int to = Math.min(items, from + fanIn);
          level.add(new Node(from, to, to - from >= 2));
        }
        levels.add(List.copyOf(level));
      }
    }
    return new ReducePlan(
        List.copyOf(tokens),
        promptTokens,
        inputBudget,
        maxOutputTokens,
        fanIn,
        cut,
        List.copyOf(levels));
  }

  /**
   * The plan for a document's chunk summaries, reduced on {@code tier}.
   *
   * @param summaryTokens each chunk summary's tokens, in order, counted with {@code count}
   * @param count counts text in the tier's tokens ({@link TokenCounts#forTier})
   * @throws io.precis.core.errors.PrecisException naming {@code summary.reduce-input-tokens} when a
   *     call of the budget cannot hold this document's prompt and two answers
   */
  public static ReducePlan forDocument(
      String documentName,
      List<Integer> summaryTokens,
      TierSettings tier,
      SummarySettings summary,
      ToIntFunction<String> count) {
    int prompt = promptTokens(documentName, summary, count);
    requireFanIn(prompt, tier, summary);
    return of(summaryTokens, prompt, summary.reduceInputTokens(), tier.maxOutputTokens());
  }

  /**
   * Checks that the settings let a reduce call hold two answers (with a document name of no
   * tokens), so that a job fails before its first call rather than leave every document without a
   * summary.
   *
   * @throws io.precis.core.errors.PrecisException naming the key and the least value that works
   */
  public static void requireFanIn(
      TierSettings tier, SummarySettings summary, ToIntFunction<String> count) {
    requireFanIn(promptTokens("", summary, count), tier, summary);
  }

  private static void requireFanIn(int prompt, TierSettings tier, SummarySettings summary) {
    int maxOutput = tier.maxOutputTokens();
    if (fanIn(prompt, summary.reduceInputTokens(), maxOutput) < 2) {
      throw Errors.reduceBudgetTooSmall(
          SummarySettings.REDUCE_INPUT_TOKENS_KEY,
          summary.reduceInputTokens(),
          tier.key("max-output-tokens"),
          maxOutput,
          prompt + 2 * maxOutput + SEPARATOR_TOKENS);
    }
  }

  /**
   * P: the tokens of a reduce call's input besides the summaries, both messages with their template
   * tokens.
   */
  public static int promptTokens(
      String documentName, SummarySettings summary, ToIntFunction<String> count) {
    Prompt prompt = Prompt.DOCUMENT_REDUCE;
    return count.applyAsInt(prompt.system(summary.documentWords()))
        + count.applyAsInt(prompt.user(documentName, ""))
        + 2 * CostEstimator.TOKENS_PER_MESSAGE;
  }

  /** f = floor((B - P + s) / (M + s)): how many answers of M tokens one call holds. */
  public static int fanIn(int promptTokens, int inputBudget, int maxOutputTokens) {
    long room = (long) inputBudget - promptTokens + SEPARATOR_TOKENS;
    return room <= 0 ? 0 : (int) (room / ((long) maxOutputTokens + SEPARATOR_TOKENS));
  }

  private static List<Node> firstLevel(List<Integer> tokens, int limit, int maxOutputTokens) {
    List<Node> level = new ArrayList<>();
    int from = 0;
    long size = tokens.get(0);
    for (int i = 1; i <= tokens.size(); i++) {
      if (i < tokens.size() && size + SEPARATOR_TOKENS + tokens.get(i) <= limit) {
        size += SEPARATOR_TOKENS + tokens.get(i);
        continue;
      }
      boolean passUp = i - from == 1 && tokens.get(from) <= maxOutputTokens;
      level.add(new Node(from, i, !passUp));
      if (i < tokens.size()) {
        from = i;
        size = tokens.get(i);
      }
    }
    return List.copyOf(level);
  }

  /**
   * The longest prefix of {@code text} of at most {@code maxTokens} tokens that ends at a word
   * (whitespace after it dropped); a word longer than that on its own is cut inside. The text
   * itself if it fits.
   */
  public static String cut(String text, int maxTokens, ToIntFunction<String> count) {
    if (count.applyAsInt(text) <= maxTokens) {
      return text;
    }
    // The longest prefix that fits, by bisection on its length.
    int low = 0;
    int high = text.length();
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (count.applyAsInt(text.substring(0, mid)) <= maxTokens) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    int end = low;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    // Back to the end of the last whole word, if the prefix has one.
    if (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      int space = end - 1;
      while (space > 0 && !Character.isWhitespace(text.charAt(space))) {
        space--;
      }
      if (space > 0) {
        end = space;
      }
    }
    String prefix = text.substring(0, end).stripTrailing();
    while (!prefix.isEmpty() && count.applyAsInt(prefix) > maxTokens) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return prefix;
  }

  /** n: how many chunk summaries the plan reduces. */
  public int summaries() {
    return tokens.size();
  }

  /** Each summary's tokens as the plan reads it, after the cut to {@link #summaryLimit()}. */
  public List<Integer> tokens() {
    return tokens;
  }

  /** K = B - P: the most tokens of summaries one call reads; a longer summary is cut to it. */
  public int summaryLimit() {
    return inputBudget - promptTokens;
  }

  /** How many chunk summaries were longer than {@link #summaryLimit()} and are cut to it. */
  public int cutSummaries() {
    return cut;
  }

  /** P: the tokens of a call's input besides its summaries. */
  public int promptTokens() {
    return promptTokens;
  }

  /** B: the most tokens a call reads. */
  public int inputBudget() {
    return inputBudget;
  }

  /** M: the most tokens of an answer, the worst case the plan assumes for every partial summary. */
  public int maxOutputTokens() {
    return maxOutputTokens;
  }

  /** f: how many answers of {@link #maxOutputTokens()} one call holds; at least 2. */
  public int fanIn() {
    return fanIn;
  }

  /** The levels of the tree, from the one that reads the chunk summaries to the root. */
  public List<List<Node>> levels() {
    return levels;
  }

  /**
   * The number of calls of the tree: the most a run makes for the document, whatever the answers. 0
   * for a document of fewer than two summaries.
   */
  public int maxCalls() {
    return maxCalls;
  }

  /**
   * The bound of the class comment on {@link #maxCalls()} for a tree of {@code firstLevel} groups
   * on level 0: {@code g0 + D + floor((g0 - 1 - D) / (f - 1))}.
   */
  public static long callBound(int firstLevel, int fanIn) {
    if (firstLevel <= 1) {
      return firstLevel;
    }
    int depth = 0;
    for (long items = firstLevel; items > 1; items = (items + fanIn - 1) / fanIn) {
      depth++;
    }
    return firstLevel + depth + Math.floorDiv(firstLevel - 1L - depth, fanIn - 1L);
  }
}
