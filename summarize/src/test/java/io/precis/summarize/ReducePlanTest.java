package io.precis.summarize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.config.PrecisSettings;
import io.precis.core.errors.PrecisException;
import io.precis.summarize.ReducePlan.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

class ReducePlanTest {
  private static final int S = ReducePlan.SEPARATOR_TOKENS;

  /** Four characters a token, rounded up, as a tier with chars-per-token = 4 counts. */
  private static final ToIntFunction<String> QUARTERS = text -> (text.length() + 3) / 4;

  private static List<Integer> tokens(int... values) {
    List<Integer> list = new ArrayList<>();
    for (int value : values) {
      list.add(value);
    }
    return list;
  }

  @Test
  void fewerThanTwoSummariesNeedNoCall() {
    assertThat(ReducePlan.of(List.of(), 100, 1000, 100).maxCalls()).isZero();
    ReducePlan one = ReducePlan.of(tokens(5000), 100, 1000, 100);
    assertThat(one.maxCalls()).isZero();
    assertThat(one.levels()).isEmpty();
  }

  @Test
  void summariesThatFitOneCallAreReducedByOneCall() {
    // K = 1000 - 100 = 900: 300 + 1 + 300 + 1 + 298 = 900 fits exactly.
    ReducePlan plan = ReducePlan.of(tokens(300, 300, 298), 100, 1000, 100);

    assertThat(plan.maxCalls()).isEqualTo(1);
    assertThat(plan.levels()).containsExactly(List.of(new Node(0, 3, true)));
  }

  @Test
  void theFirstLevelPacksConsecutiveSummariesGreedilyAndTheLevelsAboveByTheFanIn() {
    // K = 900, M = 100: f = floor(901 / 101) = 8. 300 + 300 + 298 and two separators fill a call;
    // 500 + 1 + 400 is one token too many, so 500 is alone (and reduced: it is longer than M).
    ReducePlan plan = ReducePlan.of(tokens(300, 300, 298, 500, 400, 10, 10), 100, 1000, 100);

    assertThat(plan.fanIn()).isEqualTo(8);
    assertThat(plan.levels())
        .containsExactly(
            List.of(new Node(0, 3, true), new Node(3, 4, true), new Node(4, 7, true)),
            List.of(new Node(0, 3, true)));
    assertThat(plan.maxCalls()).isEqualTo(4);
  }

  @Test
  void aLoneSummaryNoLongerThanAnAnswerGoesUpWithoutACall() {
    // K = 900, M = 100: the 50-token summary sits between two that fill their calls.
    ReducePlan plan = ReducePlan.of(tokens(880, 50, 880, 50, 880), 100, 1000, 100);

    assertThat(plan.levels().get(0))
        .containsExactly(
            new Node(0, 1, true),
            new Node(1, 2, false),
            new Node(2, 3, true),
            new Node(3, 4, false),
            new Node(4, 5, true));
    assertThat(plan.levels().get(1)).containsExactly(new Node(0, 5, true));
    assertThat(plan.maxCalls()).isEqualTo(4);
  }

  @Test
  void aSummaryLongerThanTheWholeBudgetIsCutToIt() {
    ReducePlan plan = ReducePlan.of(tokens(10, 5000, 10), 100, 1000, 100);

    assertThat(plan.summaryLimit()).isEqualTo(900);
    assertThat(plan.tokens()).containsExactly(10, 900, 10);
    assertThat(plan.cutSummaries()).isEqualTo(1);
    assertThat(plan.levels().get(0))
        .containsExactly(new Node(0, 1, false), new Node(1, 2, true), new Node(2, 3, false));
  }

  @Test
  void theCutKeepsTheLongestPrefixOfWholeWordsThatFits() {
    String text = "alpha beta gamma delta epsilon";

    // 12 tokens of 4 characters hold 48 characters: all of it (30).
    assertThat(ReducePlan.cut(text, 12, QUARTERS)).isEqualTo(text);
    // 4 tokens hold 16 characters: "alpha beta gamma" is 16.
    assertThat(ReducePlan.cut(text, 4, QUARTERS)).isEqualTo("alpha beta gamma");
    // 3 tokens hold 12: "alpha beta g" would cut a word, so "alpha beta".
    assertThat(ReducePlan.cut(text, 3, QUARTERS)).isEqualTo("alpha beta");
    // A word longer than the budget on its own is cut inside.
    assertThat(ReducePlan.cut("antidisestablishmentarianism", 2, QUARTERS)).isEqualTo("antidise");
  }

  @Test
  void aCallThatCannotHoldTwoAnswersIsRefused() {
    // K = 200: two answers of 100 and a separator need 201.
    assertThat(ReducePlan.fanIn(100, 300, 100)).isEqualTo(1);
    assertThatThrownBy(() -> ReducePlan.of(tokens(1, 1), 100, 300, 100))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ReducePlan.of(tokens(1, 1), 100, 301, 100).fanIn()).isEqualTo(2);
  }

  @Test
  void settingsThatMakeTheFanInBelowTwoAreAnErrorNamingTheKeyAndTheFix() {
    PrecisSettings settings =
        TestSettings.settings(
            "summary.reduce-input-tokens=400", "llm.tiers.cheap.max-output-tokens=200");
    int prompt = ReducePlan.promptTokens("", settings.summary(), QUARTERS);

    assertThatThrownBy(
            () -> ReducePlan.requireFanIn(settings.llm().cheapest(), settings.summary(), QUARTERS))
        .isInstanceOf(PrecisException.class)
        .hasMessage(
            "Config key 'summary.reduce-input-tokens' is set to 400 but a reduce call must hold"
                + " its prompt and two answers of up to 200 tokens"
                + " (llm.tiers.cheap.max-output-tokens), so that each level of the reduce at least"
                + " halves the summaries: "
                + (prompt + 401)
                + " tokens. Set summary.reduce-input-tokens to at least "
                + (prompt + 401)
                + " (e.g. 3000), or lower llm.tiers.cheap.max-output-tokens.");
    // The least value it names works.
    PrecisSettings fixed =
        TestSettings.settings(
            "summary.reduce-input-tokens=" + (prompt + 401),
            "llm.tiers.cheap.max-output-tokens=200");
    ReducePlan.requireFanIn(fixed.llm().cheapest(), fixed.summary(), QUARTERS);
  }

  /**
   * For every n from 1 to 500, random summary lengths (some longer than a whole call) and random
   * budgets: the tree covers every summary once, in order; every call reads at most the budget when
   * each answer has the worst-case length; and the number of calls is within the bound of the class
   * comment.
   */
  @Test
  void theBoundHoldsForOneToFiveHundredSummariesOfRandomLengths() {
    Random random = new Random(20250101);
    for (int n = 1; n <= 500; n++) {
      int maxOutput = 20 + random.nextInt(400);
      int prompt = 30 + random.nextInt(150);
      int budget = prompt + 2 * maxOutput + S + random.nextInt(4000);
      int longest = random.nextBoolean() ? maxOutput : 2 * (budget - prompt);
      List<Integer> summaries = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        summaries.add(random.nextInt(longest + 1));
      }

      ReducePlan plan = ReducePlan.of(summaries, prompt, budget, maxOutput);

      String at = "n=" + n + " " + summaries + " P=" + prompt + " B=" + budget + " M=" + maxOutput;
      int limit = budget - prompt;
      assertThat(plan.fanIn()).as(at).isGreaterThanOrEqualTo(2);
      for (int i = 0; i < n; i++) {
        assertThat(plan.tokens().get(i)).as(at).isEqualTo(Math.min(summaries.get(i), limit));
      }
      if (n == 1) {
        assertThat(plan.maxCalls()).as(at).isZero();
        continue;
      }
      // Worst-case sizes of the items of each level: summaries first, then answers of M tokens.
      List<Integer> items = plan.tokens();
      int calls = 0;
      for (List<Node> level : plan.levels()) {
        int expectedFrom = 0;
        List<Integer> next = new ArrayList<>();
        for (Node node : level) {
          assertThat(node.from()).as(at).isEqualTo(expectedFrom);
          assertThat(node.to()).as(at).isGreaterThan(node.from());
          expectedFrom = node.to();
          long read = (long) (node.size() - 1) * S;
          for (int item : items.subList(node.from(), node.to())) {
            read += item;
          }
          if (node.call()) {
            calls++;
            assertThat(prompt + read).as(at).isLessThanOrEqualTo(budget);
            next.add(maxOutput);
          } else {
            assertThat(node.size()).as(at).isEqualTo(1);
            assertThat(read).as(at).isLessThanOrEqualTo(maxOutput);
            next.add((int) read);
          }
        }
        assertThat(expectedFrom).as(at).isEqualTo(items.size());
        if (items != plan.tokens()) {
          // Above the first level, every level has fewer items than the one below.
          assertThat(next.size()).as(at).isLessThan(items.size());
        }
        items = next;
      }
      assertThat(items).as(at).hasSize(1);
      assertThat(plan.levels().get(plan.levels().size() - 1))
          .as(at)
          .singleElement()
          .extracting(Node::call)
          .isEqualTo(true);
      int firstLevel = plan.levels().get(0).size();
      assertThat(plan.maxCalls())
          .as(at)
          .isEqualTo(calls)
          .isLessThanOrEqualTo((int) ReducePlan.callBound(firstLevel, plan.fanIn()))
          .isLessThanOrEqualTo(2 * firstLevel - 1)
          .isLessThanOrEqualTo(2 * n - 1);
    }
  }

  /** A plan of {@code groups} summaries of 100 tokens with K = 100: each one a call on its own. */
  private static ReducePlan oneSummaryAGroup(int groups, int maxOutput) {
    List<Integer> summaries = new ArrayList<>();
    for (int i = 0; i < groups; i++) {
      summaries.add(100);
    }
    ReducePlan plan = ReducePlan.of(summaries, 100, 200, maxOutput);
    assertThat(plan.levels().get(0)).hasSize(groups);
    return plan;
  }

  @Test
  void theBoundIsReachedWhereEachLevelEndsInASmallCall() {
    // M = 49: f = floor(101 / 50) = 2. 8 groups: 8 + 4 + 2 + 1 calls, 2 g0 - 1.
    ReducePlan binary = oneSummaryAGroup(8, 49);
    assertThat(binary.fanIn()).isEqualTo(2);
    assertThat(binary.maxCalls()).isEqualTo(15).isEqualTo(ReducePlan.callBound(8, 2));
    // M = 24: f = 4. 5 groups: [4 1] then [2]: 5 + 1 + 1 calls, the bound 5 + 2 + floor(2 / 3).
    ReducePlan five = oneSummaryAGroup(5, 24);
    assertThat(five.fanIn()).isEqualTo(4);
    assertThat(five.levels()).extracting(List::size).containsExactly(5, 2, 1);
    assertThat(five.maxCalls()).isEqualTo(7).isEqualTo(ReducePlan.callBound(5, 4));
    // 64 groups of fan-in 4: 64 + 16 + 4 + 1 = 85 calls, under the bound 64 + 3 + 20.
    ReducePlan full = oneSummaryAGroup(64, 24);
    assertThat(full.levels()).extracting(List::size).containsExactly(64, 16, 4, 1);
    assertThat(full.maxCalls()).isEqualTo(85);
    assertThat(ReducePlan.callBound(64, 4)).isEqualTo(87);
  }
}
