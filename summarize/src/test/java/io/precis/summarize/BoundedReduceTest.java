package io.precis.summarize;

import static io.precis.summarize.TestSettings.CLOCK;
import static io.precis.summarize.TestSettings.JOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.config.PrecisSettings;
import io.precis.core.cost.TokenUsage;
import io.precis.core.errors.PrecisException;
import io.precis.core.model.Chunk;
import io.precis.core.model.LlmCallRecord;
import io.precis.core.model.Resolution;
import io.precis.summarize.DocumentSummary.ReduceAnswer;
import io.precis.summarize.client.ChatAnswer;
import io.precis.summarize.client.ChatRequest;
import io.precis.summarize.client.LlmCallException;
import io.precis.summarize.client.LlmClient;
import io.precis.summarize.client.LlmClients;
import io.precis.testkit.sim.LlmSimulator;
import io.precis.testkit.sim.QualityRule;
import io.precis.testkit.sim.SimulatedCall;
import io.precis.testkit.sim.SimulatorOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bounded map-reduce of a document's summaries, on the simulator through the real clients: both
 * tiers count 4 characters a token, as the simulator's tokenizer does, so that what the plan counts
 * is what the simulator reports.
 */
class BoundedReduceTest {
  private static final String NAME = "handbook.md";
  private static final int BUDGET = 600;
  private static final int MAX_OUTPUT = 64;
  private static final int DOCUMENT_WORDS = 40;

  /** The tokenizer of the simulator, and of a tier with chars-per-token = 4. */
  private static final ToIntFunction<String> QUARTERS = text -> (text.length() + 3) / 4;

  private static final String[] WORDS = {
    "leave", "travel", "expenses", "approval", "manager", "portal", "booking", "policy", "claims",
    "receipts", "team", "office", "contract", "notice", "payroll", "review", "budget", "audit"
  };

  private static LlmSimulator simulator;

  @BeforeAll
  static void start() {
    simulator = LlmSimulator.start(SimulatorOptions.defaults());
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  @BeforeEach
  void reset() {
    simulator.configure(SimulatorOptions.defaults());
    simulator.calls().clear();
  }

  /**
   * Both tiers on the simulator, counted in its tokens; reduce calls of at most 600 tokens and
   * answers of at most 64: a fan-in of 7 with the prompt's 80 or so tokens.
   */
  private static PrecisSettings settings(String... overrides) {
    List<String> all = new ArrayList<>();
    all.add("llm.tiers.cheap.base-url=" + simulator.baseUrl());
    all.add("llm.tiers.premium.base-url=" + simulator.openAiBaseUrl());
    all.add("llm.tiers.premium.api-key-env=");
    all.add("llm.tiers.cheap.chars-per-token=4");
    all.add("llm.tiers.premium.chars-per-token=4");
    all.add("llm.tiers.cheap.max-output-tokens=" + MAX_OUTPUT);
    all.add("summary.reduce-input-tokens=" + BUDGET);
    all.add("summary.document-words=" + DOCUMENT_WORDS);
    all.add("summary.max-reduce-calls=1000");
    all.addAll(List.of(overrides));
    return TestSettings.settings(all.toArray(String[]::new));
  }

  private static DocumentReducer reducer(PrecisSettings settings) {
    return SummarizerServices.create(settings, Map.<String, String>of()::get, CLOCK).documents();
  }

  /** Summaries that each open with "Part i begins." and run on for 1 to {@code maxWords} words. */
  private static List<String> summaries(Random random, int n, int maxWords) {
    List<String> summaries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder text = new StringBuilder("Part ").append(i).append(" begins.");
      int words = 1 + random.nextInt(maxWords);
      for (int w = 0; w < words; w++) {
        text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
      }
      summaries.add(text.append('.').toString());
    }
    return summaries;
  }

  private static List<ChunkOutcome> outcomes(List<String> summaries) {
    List<ChunkOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < summaries.size(); i++) {
      outcomes.add(
          new ChunkOutcome(
              Chunk.of("doc-1", i, "Text of part " + i + ".", 5),
              Resolution.CHEAP,
              "text",
              "cheap",
              "llama3.2:3b",
              summaries.get(i),
              "digit share 0.00 <= 0.15",
              List.of()));
    }
    return outcomes;
  }

  private static List<SimulatedCall> completions() {
    return simulator.calls().all().stream().filter(SimulatedCall::isCompletion).toList();
  }

  /** What the plan counts for a request: both messages and 4 template tokens each. */
  private static int counted(ChatRequest request) {
    return QUARTERS.applyAsInt(request.system()) + QUARTERS.applyAsInt(request.user()) + 8;
  }

  @Test
  void onTheSimulatorTheCallsStayWithinTheBoundAndEachReadsAtMostTheBudget() {
    PrecisSettings settings = settings();
    DocumentReducer reducer = reducer(settings);
    Random random = new Random(7);
    int multiLevel = 0;
    for (int n : new int[] {1, 2, 3, 4, 7, 10, 16, 25, 40, 64, 100, 173, 250, 377, 500}) {
      simulator.calls().clear();
      List<String> summaries = summaries(random, n, 60);
      ReducePlan plan = reducer.plan(NAME, summaries);

      DocumentSummary summary = reducer.reduce("doc-1", NAME, outcomes(summaries), JOB);

      String at = "n=" + n;
      assertThat(summary.summary()).as(at).isNotNull();
      assertThat(summary.reduceCallsPlanned()).as(at).isEqualTo(plan.maxCalls());
      assertThat(summary.reduceCallsMade())
          .as(at)
          .isEqualTo(completions().size())
          .isLessThanOrEqualTo(plan.maxCalls())
          .isLessThanOrEqualTo(Math.max(0, 2 * n - 1));
      for (SimulatedCall call : completions()) {
        assertThat(call.outcome()).as(at).isEqualTo(SimulatedCall.Outcome.OK);
        assertThat(call.inputTokens()).as(at).isLessThanOrEqualTo(BUDGET);
        assertThat(call.outputTokens()).as(at).isLessThanOrEqualTo(MAX_OUTPUT);
      }
      // The usage the ledger records is the simulator's.
      assertThat(summary.calls().stream().mapToLong(c -> c.usage().inputTokens()).sum())
          .as(at)
          .isEqualTo(completions().stream().mapToLong(SimulatedCall::inputTokens).sum());
      if (plan.levels().size() > 1) {
        multiLevel++;
      }
    }
    // The sizes above take the reduce through several levels, not one call.
    assertThat(multiLevel).isGreaterThanOrEqualTo(8);
  }

  @Test
  void aModelThatIgnoresTheWordLimitStillStaysWithinTheBoundAndTheBudget() {
    // Every reduce input has digits ("Part 3 begins."), so the rule applies to every call: the
    // model runs on to its 64 tokens, the worst case the plan assumes.
    simulator.configure(
        SimulatorOptions.builder()
            .qualityRule(
                QualityRule.badAtNumbers(
                    "^llama3\\.2", 0.0, QualityRule.Behaviour.IGNORE_WORD_LIMIT))
            .build());
    // 10 words asked for; 64 tokens hold about 30 of these words.
    PrecisSettings settings = settings("summary.document-words=10");
    DocumentReducer reducer = reducer(settings);
    Random random = new Random(11);
    int overTheWordLimit = 0;
    for (int n : new int[] {2, 9, 30, 120, 333, 500}) {
      simulator.calls().clear();
      List<String> summaries = summaries(random, n, 60);
      ReducePlan plan = reducer.plan(NAME, summaries);

      DocumentSummary summary = reducer.reduce("doc-1", NAME, outcomes(summaries), JOB);

      String at = "n=" + n;
      assertThat(summary.summary()).as(at).isNotNull();
      assertThat(summary.reduceCallsMade())
          .as(at)
          .isEqualTo(completions().size())
          .isEqualTo(plan.maxCalls());
      for (SimulatedCall call : completions()) {
        assertThat(call.inputTokens()).as(at).isLessThanOrEqualTo(BUDGET);
        assertThat(call.outputTokens()).as(at).isLessThanOrEqualTo(MAX_OUTPUT);
      }
      for (ReduceAnswer answer : summary.reduceAnswers()) {
        if (answer.answer().split(" ").length > 10) {
          overTheWordLimit++;
        }
      }
    }
    // The rule took effect: answers ran past the 10 words asked for.
    assertThat(overTheWordLimit).isGreaterThan(20);
  }

  /**
   * For every n from 1 to 500 with random lengths, some longer than a whole call, against a model
   * whose every answer is as long as max-output-tokens allows: the calls made are exactly the
   * plan's, within the bound, and each reads at most the budget.
   */
  @Test
  void withAnswersOfTheWorstCaseLengthTheCallsAreThePlansForOneToFiveHundredSummaries() {
    PrecisSettings settings = settings();
    // 4 x 64 characters, less the trailing space: 64 tokens.
    String longest = "abc ".repeat(MAX_OUTPUT);
    Random random = new Random(500);
    int cut = 0;
    for (int n = 1; n <= 500; n++) {
      FakeLlmClient model = FakeLlmClient.answering(longest, new TokenUsage(BUDGET, MAX_OUTPUT, 0));
      LlmCaller caller =
          new LlmCaller(Map.of("cheap", model), settings.llm().tiers(), settings.prices(), CLOCK);
      DocumentReducer reducer =
          new DocumentReducer(caller, settings.llm(), settings.summary(), QUARTERS);
      List<String> summaries = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        // Mostly short, sometimes more than the whole budget of 600 tokens (2,400 characters).
        int characters = random.nextInt(20) == 0 ? 3000 : 1 + random.nextInt(400);
        summaries.add("w".repeat(characters).replaceAll("(.{7})(?=.)", "$1 "));
      }
      ReducePlan plan = reducer.plan(NAME, summaries);

      DocumentSummary summary = reducer.reduce("doc-1", NAME, outcomes(summaries), JOB);

      String at = "n=" + n;
      assertThat(summary.summary()).as(at).isNotNull();
      assertThat(model.requests())
          .as(at)
          .hasSize(summary.reduceCallsMade())
          .hasSize(plan.maxCalls());
      int firstLevel = plan.levels().isEmpty() ? 0 : plan.levels().get(0).size();
      assertThat((long) plan.maxCalls())
          .as(at)
          .isLessThanOrEqualTo(ReducePlan.callBound(firstLevel, plan.fanIn()))
          .isLessThanOrEqualTo(Math.max(0, 2L * n - 1));
      for (ChatRequest request : model.requests()) {
        assertThat(counted(request)).as(at).isLessThanOrEqualTo(BUDGET);
      }
      cut += plan.cutSummaries();
    }
    assertThat(cut).as("summaries longer than a whole call").isGreaterThan(100);
  }

  @Test
  void aPlanOverTheCapMakesNoCallAndSaysWhy() {
    PrecisSettings settings = settings("summary.max-reduce-calls=3");
    DocumentReducer reducer = reducer(settings);
    List<String> summaries = summaries(new Random(3), 100, 60);
    ReducePlan plan = reducer.plan(NAME, summaries);
    assertThat(plan.maxCalls()).isGreaterThan(3);

    DocumentSummary summary = reducer.reduce("doc-1", NAME, outcomes(summaries), JOB);

    assertThat(simulator.calls().all()).isEmpty();
    assertThat(summary.summary()).isNull();
    assertThat(summary.calls()).isEmpty();
    assertThat(summary.reduceCallsPlanned()).isEqualTo(plan.maxCalls());
    assertThat(summary.reason())
        .isEqualTo(
            "the reduce of 100 chunk summaries needs up to "
                + plan.maxCalls()
                + " calls, more than summary.max-reduce-calls = 3; no call was made. Raise"
                + " summary.max-reduce-calls or summary.reduce-input-tokens (each call reads up"
                + " to 600 tokens, "
                + plan.fanIn()
                + " answers), or raise chunking.max-tokens so that the document has fewer chunks");
    // At the cap exactly, it runs.
    DocumentSummary atTheCap =
        reducer(settings("summary.max-reduce-calls=" + plan.maxCalls()))
            .reduce("doc-1", NAME, outcomes(summaries), JOB);
    assertThat(atTheCap.summary()).isNotNull();
    assertThat(atTheCap.reduceCallsMade()).isEqualTo(plan.maxCalls());
  }

  @Test
  void theOrderOfTheSummariesIsKeptAtEveryLevel() {
    PrecisSettings settings = settings();
    DocumentReducer reducer = reducer(settings);
    List<String> summaries = summaries(new Random(5), 150, 30);
    ReducePlan plan = reducer.plan(NAME, summaries);
    assertThat(plan.levels()).hasSizeGreaterThanOrEqualTo(3);
    List<ChunkOutcome> shuffled = new ArrayList<>(outcomes(summaries));
    java.util.Collections.shuffle(shuffled, new Random(1));

    DocumentSummary summary = reducer.reduce("doc-1", NAME, shuffled, JOB);

    // The simulator answers with the first sentences of what it reads, so every level's answer
    // opens with the first sentence of its first part, and the summary with part 0's.
    assertThat(summary.summary()).startsWith("Part 0 begins.");
    // The first level's calls read the summaries in order, as the plan grouped them.
    List<ReducePlan.Node> first = plan.levels().get(0);
    for (int i = 0; i < first.size(); i++) {
      ReducePlan.Node node = first.get(i);
      assertThat(summary.reduceAnswers().get(i).input())
          .isEqualTo(
              Prompt.DOCUMENT_REDUCE.user(
                  NAME, String.join("\n\n", summaries.subList(node.from(), node.to()))));
    }
    // Each call above reads the answers below it in order: each part opens with a lower number.
    for (ReduceAnswer answer : summary.reduceAnswers().subList(first.size(), plan.maxCalls())) {
      List<Integer> parts = new ArrayList<>();
      var matcher = java.util.regex.Pattern.compile("Part (\\d+) begins").matcher(answer.input());
      while (matcher.find()) {
        parts.add(Integer.parseInt(matcher.group(1)));
      }
      assertThat(parts).hasSizeGreaterThanOrEqualTo(2).isSorted();
    }
  }

  /** A real client that makes the simulator fail every request from its {@code k}-th on. */
  private static LlmClient failingFrom(int k, LlmClient real) {
    AtomicInteger calls = new AtomicInteger();
    return new LlmClient() {
      @Override
      public ChatAnswer chat(ChatRequest request) throws LlmCallException {
        if (calls.incrementAndGet() == k) {
          simulator.configure(SimulatorOptions.builder().serverErrorShare(1.0).build());
        }
        return real.chat(request);
      }

      @Override
      public void checkReady(String model) {
        real.checkReady(model);
      }
    };
  }

  @Test
  void aCallThatFailsMidTreeLeavesTheDocumentWithoutSummaryAndKeepsTheCallsMade() {
    PrecisSettings settings = settings();
    LlmClient real = LlmClients.create(settings.llm().cheapest(), name -> null);
    LlmCaller caller =
        new LlmCaller(
            Map.of("cheap", failingFrom(3, real)),
            settings.llm().tiers(),
            settings.prices(),
            CLOCK);
    DocumentReducer reducer =
        new DocumentReducer(caller, settings.llm(), settings.summary(), QUARTERS);
    List<String> summaries = summaries(new Random(9), 60, 60);
    ReducePlan plan = reducer.plan(NAME, summaries);
    assertThat(plan.maxCalls()).isGreaterThan(3);

    DocumentSummary summary = reducer.reduce("doc-1", NAME, outcomes(summaries), JOB);

    // Nothing is asked after the failure.
    assertThat(completions())
        .extracting(SimulatedCall::outcome)
        .containsExactly(
            SimulatedCall.Outcome.OK, SimulatedCall.Outcome.OK, SimulatedCall.Outcome.SERVER_ERROR);
    assertThat(summary.summary()).isNull();
    assertThat(summary.models()).isEmpty();
    assertThat(summary.reduceCallsPlanned()).isEqualTo(plan.maxCalls());
    assertThat(summary.calls()).extracting(LlmCallRecord::ok).containsExactly(true, true, false);
    LlmCallRecord failed = summary.calls().get(2);
    assertThat(summary.reason())
        .isEqualTo(
            "reduce call 3 of "
                + plan.maxCalls()
                + " failed: "
                + failed.errorCode()
                + ": "
                + failed.errorMessage());
    assertThat(summary.reduceAnswers()).hasSize(2);
  }

  /** A cache of reduce answers by their exact input, filled from what a reduce obtained. */
  private static final class MapCache implements ReduceCache {
    final Map<String, String> answers = new HashMap<>();

    void keep(DocumentSummary summary) {
      for (ReduceAnswer answer : summary.reduceAnswers()) {
        answers.put(answer.input(), answer.answer());
      }
    }

    @Override
    public Optional<String> find(
        io.precis.core.model.JobContext job,
        io.precis.core.config.TierSettings tier,
        String input) {
      return Optional.ofNullable(answers.get(input));
    }
  }

  @Test
  void eachNodeIsCachedByItsInputSoAChangedSummaryCallsOnlyItsPathToTheRoot() {
    PrecisSettings settings = settings();
    MapCache cache = new MapCache();
    DocumentReducer reducer = reducer(settings).withCache(cache);
    List<String> summaries = summaries(new Random(13), 120, 40);
    ReducePlan plan = reducer.plan(NAME, summaries);
    assertThat(plan.levels()).hasSizeGreaterThanOrEqualTo(3);

    DocumentSummary first = reducer.reduce("doc-1", NAME, outcomes(summaries), JOB);
    cache.keep(first);
    assertThat(first.reduceCallsMade()).isEqualTo(plan.maxCalls());

    simulator.calls().clear();
    DocumentSummary again = reducer.reduce("doc-1", NAME, outcomes(summaries), JOB);
    assertThat(completions()).isEmpty();
    assertThat(again.summary()).isEqualTo(first.summary());
    assertThat(again.cached()).isTrue();
    assertThat(again.calls()).isEmpty();
    assertThat(again.reduceAnswers()).hasSize(plan.maxCalls()).allMatch(ReduceAnswer::cached);

    // The first summary changes, and with it the opening of every answer above it: only the calls
    // on its path to the root are made again.
    List<String> changed = new ArrayList<>(summaries);
    changed.set(0, "Part 0 opens differently. " + summaries.get(0));
    ReducePlan changedPlan = reducer.plan(NAME, changed);
    int onThePath = 0;
    int index = 0;
    for (List<ReducePlan.Node> level : changedPlan.levels()) {
      for (int i = 0; i < level.size(); i++) {
        ReducePlan.Node node = level.get(i);
        if (node.from() <= index && index < node.to()) {
          onThePath += node.call() ? 1 : 0;
          index = i;
          break;
        }
      }
    }
    assertThat(changedPlan.levels()).isEqualTo(plan.levels());
    simulator.calls().clear();

    DocumentSummary third = reducer.reduce("doc-1", NAME, outcomes(changed), JOB);

    assertThat(onThePath).isEqualTo(plan.levels().size());
    assertThat(completions()).hasSize(onThePath);
    assertThat(third.reduceCallsMade()).isEqualTo(onThePath);
    assertThat(third.cached()).isFalse();
    assertThat(third.reduceAnswers().stream().filter(ReduceAnswer::cached).count())
        .isEqualTo(plan.maxCalls() - onThePath);
    assertThat(third.summary()).startsWith("Part 0 opens differently.");
  }

  @Test
  void theEstimatePlansTheCallsTheRunMakes() {
    PrecisSettings settings = settings();
    SummarizerServices services =
        SummarizerServices.create(settings, Map.<String, String>of()::get, CLOCK);
    CostEstimator estimator = new CostEstimator(settings, JOB, CLOCK.instant());
    Random random = new Random(17);
    for (int n : new int[] {2, 5, 20, 60, 150}) {
      // Passages of 3 to 21 short words and no digits: the cheap tier; each within the 60 words
      // and 64 tokens of a chunk answer, so the simulator's answer is the passage itself, the
      // length the estimate assumes.
      List<Chunk> chunks = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        StringBuilder text = new StringBuilder("Section");
        for (int w = 0, words = 2 + random.nextInt(19); w < words; w++) {
          text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
        }
        chunks.add(Chunk.of("doc-1", i, text.append('.').toString(), 5));
      }
      List<ChunkOutcome> outcomes = new ArrayList<>();
      for (Chunk chunk : chunks) {
        outcomes.add(services.chunks().summarize(chunk, NAME, JOB));
      }
      simulator.calls().clear();

      DocumentSummary summary = services.documents().reduce("doc-1", NAME, outcomes, JOB);
      CostEstimator.DocumentEstimate estimate =
          estimator.estimate(
              NAME,
              chunks,
              text -> {
                throw new AssertionError("both tiers count characters");
              });

      String at = "n=" + n;
      assertThat(outcomes).as(at).allMatch(o -> o.summary().equals(o.chunk().text()));
      assertThat(summary.summary()).as(at).isNotNull();
      assertThat(estimate.reduce())
          .as(at)
          .hasSize(summary.reduceCallsPlanned())
          .hasSize(summary.reduceCallsMade())
          .hasSize(completions().size());
      // The first level reads the same summaries: its estimated inputs are the run's, counted
      // summary by summary (the simulator counts the joined text: at most 2 tokens a summary
      // less).
      ReducePlan plan = services.documents().plan(NAME, summariesOf(outcomes));
      int i = 0;
      for (ReducePlan.Node node : plan.levels().get(0)) {
        if (node.call()) {
          assertThat(estimate.reduce().get(i).usage().inputTokens())
              .as(at)
              .isGreaterThanOrEqualTo(completions().get(i).inputTokens())
              .isLessThanOrEqualTo(completions().get(i).inputTokens() + 2L * node.size());
          i++;
        }
      }
    }
    // Over the cap, neither the run nor the estimate makes a call.
    PrecisSettings capped = settings("summary.max-reduce-calls=1");
    List<Chunk> chunks = new ArrayList<>();
    List<ChunkOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      Chunk chunk =
          Chunk.of("doc-1", i, "Section " + WORDS[i % WORDS.length] + " policy review.", 5);
      chunks.add(chunk);
      outcomes.add(services.chunks().summarize(chunk, NAME, JOB));
    }
    simulator.calls().clear();
    DocumentSummary summary =
        SummarizerServices.create(capped, Map.<String, String>of()::get, CLOCK)
            .documents()
            .reduce("doc-1", NAME, outcomes, JOB);
    assertThat(summary.summary()).isNull();
    assertThat(summary.reduceCallsPlanned()).isGreaterThan(1);
    assertThat(completions()).isEmpty();
    assertThat(
            new CostEstimator(capped, JOB, CLOCK.instant())
                .estimate(NAME, chunks, QUARTERS)
                .reduce())
        .isEmpty();
  }

  private static List<String> summariesOf(List<ChunkOutcome> outcomes) {
    return outcomes.stream().map(ChunkOutcome::summary).toList();
  }

  @Test
  void preflightRefusesABudgetThatCannotHoldTwoAnswersBeforeAskingAnyServer() {
    PrecisSettings settings = settings("summary.reduce-input-tokens=150");

    assertThatThrownBy(() -> SummarizerServices.preflight(settings, name -> null, CLOCK))
        .isInstanceOf(PrecisException.class)
        .hasMessageStartingWith("Config key 'summary.reduce-input-tokens' is set to 150 but");
    assertThatThrownBy(() -> SummarizerServices.create(settings, name -> null, CLOCK))
        .isInstanceOf(PrecisException.class)
        .hasMessageStartingWith("Config key 'summary.reduce-input-tokens' is set to 150 but");
    assertThat(simulator.calls().all()).isEmpty();
  }
}
