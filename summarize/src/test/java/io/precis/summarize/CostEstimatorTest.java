package io.precis.summarize;

import static io.precis.summarize.TestSettings.CLOCK;
import static io.precis.summarize.TestSettings.JOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.precis.core.config.PrecisSettings;
import io.precis.core.config.TierSettings;
import io.precis.core.cost.Money;
import io.precis.core.cost.TokenUsage;
import io.precis.core.errors.Errors;
import io.precis.core.errors.PrecisException;
import io.precis.core.model.CallStage;
import io.precis.core.model.Chunk;
import io.precis.core.model.LlmCallRecord;
import io.precis.core.model.Resolution;
import io.precis.routing.BucketRoutingPolicy;
import io.precis.summarize.CostEstimator.ChunkEstimate;
import io.precis.summarize.CostEstimator.DocumentEstimate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

class CostEstimatorTest {
  private static final Instant AT = CLOCK.instant();
  private static final String NAME = "handbook.pdf";
  private static final String DOC = "doc-1";

  /** 16 words, no digit: the cheap tier. */
  private static final String PROSE =
      "Employees book business travel through the travel portal. Managers approve each trip"
          + " before it is booked.";

  /** 12 words, a financial calculation: routing.pins sends it to the premium tier. */
  private static final String FIGURES =
      "Q1 revenue $1,204,330, gross margin 12.5%,\ninterest $310,002, net income up 13.1%.";

  /** A tokenizer of one token a character. */
  private static final ToIntFunction<String> CHARS = String::length;

  /** A tokenizer that makes every text 100 tokens, so that costs can be worked out by hand. */
  private static final ToIntFunction<String> HUNDRED = text -> 100;

  /** A tokenizer that must not be asked. */
  private static final ToIntFunction<String> UNUSED =
      text -> {
        throw new AssertionError("the tokenizer was asked to count: " + text);
      };

  private static Chunk chunk(int ordinal, String text) {
    return Chunk.of(DOC, ordinal, text, 0);
  }

  private static CostEstimator estimator(PrecisSettings settings) {
    return new CostEstimator(settings, JOB, AT);
  }

  private static DocumentEstimate estimate(
      PrecisSettings settings, ToIntFunction<String> tokens, String... texts) {
    List<Chunk> chunks = new ArrayList<>();
    for (String text : texts) {
      chunks.add(chunk(chunks.size(), text));
    }
    return estimator(settings).estimate(NAME, chunks, tokens);
  }

  private static LlmCallRecord call(DocumentEstimate estimate, int chunk) {
    return estimate.chunks().get(chunk).call();
  }

  private static int ceilDiv(long dividend, long divisor) {
    return (int) ((dividend + divisor - 1) / divisor);
  }

  /** The input of a chunk's call: both messages counted, and 4 template tokens each. */
  private static long chunkInput(ToIntFunction<String> count, int chunkWords, String text) {
    return count.applyAsInt(Prompt.CHUNK_SUMMARY.system(chunkWords))
        + count.applyAsInt(Prompt.CHUNK_SUMMARY.user(NAME, text))
        + 2 * 4;
  }

  /** The input of the reduce call, but for the partial answers. */
  private static long reducePrompt(ToIntFunction<String> count, int documentWords) {
    return count.applyAsInt(Prompt.DOCUMENT_REDUCE.system(documentWords))
        + count.applyAsInt(Prompt.DOCUMENT_REDUCE.user(NAME, ""))
        + 2 * 4;
  }

  /** ollama/llama3.2:3b in prices.conf: 0.02 per million input tokens, 0.04 per million output. */
  private static BigDecimal cheapCost(long input, long output) {
    return new BigDecimal("0.02")
        .multiply(BigDecimal.valueOf(input))
        .add(new BigDecimal("0.04").multiply(BigDecimal.valueOf(output)))
        .movePointLeft(6)
        .setScale(Money.SCALE);
  }

  @Test
  void aOneChunkDocumentGetsOneChunkCallAndNoReduce() {
    Chunk only = chunk(0, PROSE);

    DocumentEstimate estimate =
        estimator(TestSettings.settings()).estimate(NAME, List.of(only), CHARS);

    assertThat(estimate.reduce()).isEmpty();
    assertThat(estimate.chunks()).hasSize(1);
    LlmCallRecord call = call(estimate, 0);
    assertThat(call.stage()).isEqualTo(CallStage.CHUNK_SUMMARY);
    assertThat(call.promptVersion()).isEqualTo("chunk-summary/v1");
    assertThat(call.tier()).isEqualTo("cheap");
    assertThat(call.provider()).isEqualTo("ollama");
    assertThat(call.model()).isEqualTo("llama3.2:3b");
    assertThat(call.job()).isEqualTo(JOB);
    assertThat(call.docId()).isEqualTo(DOC);
    assertThat(call.chunkId()).isEqualTo(only.chunkId());
    assertThat(call.startedAt()).isEqualTo(AT);
    assertThat(call.ok()).isTrue();
    assertThat(call.errorCode()).isNull();
    assertThat(call.usage().cachedInputTokens()).isZero();
    // The estimate of one chunk on its own is the chunk's part of the document's estimate.
    assertThat(estimator(TestSettings.settings()).estimateChunk(NAME, only, CHARS))
        .isEqualTo(estimate.chunks().get(0));
  }

  @Test
  void aDocumentWithoutChunksCostsNothing() {
    DocumentEstimate estimate = estimator(TestSettings.settings()).estimate(NAME, List.of(), CHARS);

    assertThat(estimate.chunks()).isEmpty();
    assertThat(estimate.reduce()).isEmpty();
  }

  @Test
  void aDocumentOfSeveralChunksIsReducedOnceOnTheCheapestTier() {
    DocumentEstimate estimate =
        estimate(TestSettings.settings(), CHARS, PROSE, FIGURES, PROSE + " Again.");

    assertThat(estimate.chunks())
        .extracting(c -> c.call().tier())
        .containsExactly("cheap", "premium", "cheap");
    assertThat(estimate.reduce()).hasSize(1);
    LlmCallRecord reduce = estimate.reduce().get(0);
    assertThat(reduce.stage()).isEqualTo(CallStage.DOC_REDUCE);
    assertThat(reduce.promptVersion()).isEqualTo("doc-reduce/v1");
    assertThat(reduce.tier()).isEqualTo("cheap");
    assertThat(reduce.model()).isEqualTo("llama3.2:3b");
    assertThat(reduce.docId()).isEqualTo(DOC);
    assertThat(reduce.chunkId()).isNull();
    assertThat(reduce.job()).isEqualTo(JOB);
    assertThat(reduce.startedAt()).isEqualTo(AT);
  }

  @Test
  void theCheapestTierIsTheFirstOfTheCascadeWhateverItsName() {
    PrecisSettings settings =
        TestSettings.settings(
            "llm.tiers.mini={ provider = openai, base-url = \"https://api.openai.com/v1\","
                + " model = gpt-4o-mini }",
            "llm.cascade=[mini, premium]",
            "routing.buckets.simple=[mini, premium]");

    DocumentEstimate estimate = estimate(settings, HUNDRED, PROSE, FIGURES);

    assertThat(estimate.chunks())
        .extracting(c -> c.call().tier(), ChunkEstimate::resolution)
        .containsExactly(tuple("mini", Resolution.CHEAP), tuple("premium", Resolution.PREMIUM));
    LlmCallRecord reduce = estimate.reduce().get(0);
    assertThat(reduce.tier()).isEqualTo("mini");
    assertThat(reduce.model()).isEqualTo("gpt-4o-mini");
    // openai/gpt-4o-mini: 0.15 per million input tokens, 0.60 per million output tokens.
    // The prose chunk: 100 + 100 + 8 = 208 in, 100 out: 31.2 + 60 micro-dollars.
    assertThat(call(estimate, 0).costUsd()).isEqualTo(new BigDecimal("0.000091200000"));
    // The reduce: 100 + 100 + (100 + 100 + 1) + 8 = 409 in, 200 out: 61.35 + 120 micro-dollars.
    assertThat(reduce.usage()).isEqualTo(new TokenUsage(409, 200, 0));
    assertThat(reduce.costUsd()).isEqualTo(new BigDecimal("0.000181350000"));
  }

  @Test
  void eachChunkIsEstimatedOnTheFirstTierOfItsRoute() {
    PrecisSettings settings = TestSettings.settings();
    // routing.buckets: simple and extraction start on cheap, complex on premium; routing.pins
    // sends financial content to premium whatever its bucket.
    String clause =
        "The Supplier shall indemnify the Customer against any claim that the Services infringe a"
            + " third party's rights, provided that the Customer notifies the Supplier promptly"
            + " and gives it sole control of the defence, unless the claim arises from the"
            + " Customer's own modifications.";
    String table =
        "Name | Team | Room\nAlice | Sales | 4.12\nBob | Support | 2.07\nChen | Ops | 1.01";
    Chunk[] chunks = {chunk(0, PROSE), chunk(1, FIGURES), chunk(2, clause), chunk(3, table)};

    List<ChunkEstimate> estimates =
        estimator(settings).estimate(NAME, List.of(chunks), CHARS).chunks();

    assertThat(estimates)
        .extracting(c -> c.call().tier())
        .containsExactly("cheap", "premium", "premium", "cheap");
    assertThat(estimates)
        .extracting(ChunkEstimate::resolution)
        .containsExactly(
            Resolution.CHEAP, Resolution.PREMIUM, Resolution.PREMIUM, Resolution.CHEAP);
    assertThat(estimates)
        .extracting(c -> c.call().model())
        .containsExactly("llama3.2:3b", "gpt-4o", "gpt-4o", "llama3.2:3b");
    // As a run routes them.
    BucketRoutingPolicy routing = BucketRoutingPolicy.from(settings);
    assertThat(routing.route(chunks[2], JOB.feature(), null).bucket()).isEqualTo("complex");
    assertThat(routing.route(chunks[3], JOB.feature(), null).bucket()).isEqualTo("extraction");
    for (int i = 0; i < chunks.length; i++) {
      assertThat(estimates.get(i).call().tier())
          .isEqualTo(routing.route(chunks[i], JOB.feature(), null).tier());
    }
  }

  @Test
  void theRoutingFollowsTheConfiguredTiersOfEachBucketAndThePins() {
    PrecisSettings simplePremium = TestSettings.settings("routing.buckets.simple=[premium]");
    PrecisSettings noPins =
        TestSettings.settings(
            "routing.pins=[]",
            "routing.buckets.extraction=[cheap]",
            "routing.buckets.complex=[cheap]");

    assertThat(estimate(simplePremium, CHARS, PROSE, FIGURES).chunks())
        .extracting(c -> c.call().tier())
        .containsExactly("premium", "premium");
    // Without the financial pin, the figures go where their bucket goes.
    assertThat(estimate(noPins, CHARS, PROSE, FIGURES).chunks())
        .extracting(c -> c.call().tier())
        .containsExactly("cheap", "cheap");
  }

  @Test
  void theInputIsBothMessagesInTheTokenizersTokensAndFourTemplateTokensEach() {
    // chars-per-token is 0 by default: text is counted by the tokenizer passed in.
    PrecisSettings settings = TestSettings.settings();

    DocumentEstimate estimate = estimate(settings, CHARS, PROSE, FIGURES);

    String system = Prompt.CHUNK_SUMMARY.system(60);
    assertThat(call(estimate, 0).usage().inputTokens())
        .isEqualTo(system.length() + Prompt.CHUNK_SUMMARY.user(NAME, PROSE).length() + 8L)
        .isEqualTo(chunkInput(CHARS, 60, PROSE));
    assertThat(call(estimate, 1).usage().inputTokens())
        .isEqualTo(system.length() + Prompt.CHUNK_SUMMARY.user(NAME, FIGURES).length() + 8L);
    // Each message is counted on its own: a tokenizer of 100 tokens a text gives 100 + 100 + 8.
    assertThat(call(estimate(settings, HUNDRED, PROSE), 0).usage().inputTokens()).isEqualTo(208);
  }

  @Test
  void withCharsPerTokenATiersTextIsCountedAsCharactersOverTheRatioRoundedUp() {
    PrecisSettings settings = TestSettings.settings("llm.tiers.cheap.chars-per-token=4");
    // 13 characters: 3.25 tokens, counted as 4; both of its 2 words are the answer.
    String passage = "Ferry delayed";

    LlmCallRecord call = call(estimate(settings, UNUSED, passage), 0);

    String system = Prompt.CHUNK_SUMMARY.system(60);
    String user = Prompt.CHUNK_SUMMARY.user(NAME, passage);
    assertThat(call.tier()).isEqualTo("cheap");
    assertThat(call.usage())
        .isEqualTo(
            new TokenUsage(ceilDiv(system.length(), 4) + ceilDiv(user.length(), 4) + 8, 4, 0));
  }

  @Test
  void aTierWithoutCharsPerTokenStillCountsWithTheTokenizer() {
    PrecisSettings settings = TestSettings.settings("llm.tiers.cheap.chars-per-token=4");
    ToIntFunction<String> quarter = text -> ceilDiv(text.length(), 4);

    DocumentEstimate estimate = estimate(settings, CHARS, PROSE, FIGURES);

    // The prose on the cheap tier, in characters over 4; its 16 words all make the answer.
    long proseAnswer = ceilDiv(PROSE.length(), 4);
    assertThat(call(estimate, 0).usage())
        .isEqualTo(new TokenUsage(chunkInput(quarter, 60, PROSE), proseAnswer, 0));
    // The figures on the premium tier, one token a character; its 12 words all make the answer.
    long figuresAnswer = FIGURES.length();
    assertThat(call(estimate, 1).usage())
        .isEqualTo(new TokenUsage(chunkInput(CHARS, 60, FIGURES), figuresAnswer, 0));
    // The reduce on the cheap tier: its messages over 4, the partial answers as estimated.
    long partials = proseAnswer + figuresAnswer + 1;
    assertThat(estimate.reduce().get(0).usage())
        .isEqualTo(
            new TokenUsage(reducePrompt(quarter, 150) + partials, proseAnswer + figuresAnswer, 0));
  }

  @Test
  void anAnswerIsTheSummaryLengthOrThePassageIfShorterAtThePassagesTokensPerWord() {
    PrecisSettings settings = TestSettings.settings("summary.chunk-words=5");
    // 10 words in 49 characters: 5 words at 4.9 tokens a word are 24.5 tokens, counted as 25.
    String tenWords = "one two three four five six seven eight nine tens";
    // 3 words, fewer than asked for: the answer is as long as the passage, 16 tokens.
    String threeWords = "just three words";
    // 6 words in 26 characters: 5 words are 21.67 tokens, counted as 22.
    String sixNumbers = "1 22 333 4444 55555 666666";

    DocumentEstimate estimate = estimate(settings, CHARS, tenWords, threeWords, sixNumbers);

    assertThat(estimate.chunks()).extracting(ChunkEstimate::answerWords).containsExactly(5, 3, 5);
    assertThat(estimate.chunks())
        .extracting(c -> c.call().usage().outputTokens())
        .containsExactly(25L, 16L, 22L);
    assertThat(call(estimate, 0).usage().inputTokens()).isEqualTo(chunkInput(CHARS, 5, tenWords));
  }

  @Test
  void anAnswerIsAtMostTheTiersMaxOutputTokens() {
    PrecisSettings settings =
        TestSettings.settings(
            "llm.tiers.cheap.max-output-tokens=20", "llm.tiers.premium.max-output-tokens=30");

    DocumentEstimate estimate = estimate(settings, CHARS, PROSE, FIGURES);

    // Uncapped, the answers would be the whole passages: 105 and 55 tokens.
    assertThat(PROSE.length()).isGreaterThan(20);
    assertThat(FIGURES.length()).isGreaterThan(30);
    assertThat(call(estimate, 0).usage().outputTokens()).isEqualTo(20);
    assertThat(call(estimate, 1).usage().outputTokens()).isEqualTo(30);
    // The reduce reads the capped answers (and a separator), and answers at most 20 tokens.
    LlmCallRecord reduce = estimate.reduce().get(0);
    assertThat(reduce.usage())
        .isEqualTo(new TokenUsage(reducePrompt(CHARS, 150) + 20 + 30 + 1, 20, 0));
  }

  @Test
  void anEmptyChunkHasAnAnswerOfNoTokensButItsPromptIsCounted() {
    PrecisSettings settings = TestSettings.settings();

    DocumentEstimate estimate = estimate(settings, CHARS, "", PROSE, " \n\t ");

    ChunkEstimate empty = estimate.chunks().get(0);
    ChunkEstimate blank = estimate.chunks().get(2);
    assertThat(empty.answerWords()).isZero();
    assertThat(blank.answerWords()).isZero();
    assertThat(empty.call().tier()).isEqualTo("cheap");
    assertThat(empty.call().usage()).isEqualTo(new TokenUsage(chunkInput(CHARS, 60, ""), 0, 0));
    assertThat(blank.call().usage())
        .isEqualTo(new TokenUsage(chunkInput(CHARS, 60, " \n\t "), 0, 0));
    assertThat(empty.call().costUsd()).isEqualTo(cheapCost(chunkInput(CHARS, 60, ""), 0));
    // The reduce reads the prose's answer only, with a separator at each of the two joins.
    long prose = PROSE.length();
    assertThat(estimate.reduce().get(0).usage())
        .isEqualTo(new TokenUsage(reducePrompt(CHARS, 150) + prose + 2, prose, 0));
  }

  @Test
  void theReduceReadsThePartialAnswersAndOneSeparatorPerJoinAndAnswersTheDocumentLength() {
    PrecisSettings settings =
        TestSettings.settings("summary.chunk-words=5", "summary.document-words=10");
    // Answers of 5, 3 and 5 words: 25, 16 and 22 tokens (see the test above).
    DocumentEstimate estimate =
        estimate(
            settings,
            CHARS,
            "one two three four five six seven eight nine tens",
            "just three words",
            "1 22 333 4444 55555 666666");

    LlmCallRecord reduce = estimate.reduce().get(0);
    // 63 tokens of partial answers and 2 separators; an answer of 10 of their 13 words, at
    // 63 / 13 tokens a word: 48.46, counted as 49.
    long input = reducePrompt(CHARS, 10) + 63 + 2;
    assertThat(reduce.usage()).isEqualTo(new TokenUsage(input, 49, 0));
    assertThat(reduce.costUsd()).isEqualTo(cheapCost(input, 49));
  }

  @Test
  void aCallCostsWhatThePriceOfItsTierChargesForItsUsage() {
    DocumentEstimate estimate = estimate(TestSettings.settings(), HUNDRED, PROSE, FIGURES);

    // Every text is 100 tokens; each passage has fewer words than the 60 asked for, so each
    // answer is the whole passage: 100 tokens.
    LlmCallRecord prose = call(estimate, 0);
    LlmCallRecord figures = call(estimate, 1);
    LlmCallRecord reduce = estimate.reduce().get(0);
    assertThat(prose.usage()).isEqualTo(new TokenUsage(208, 100, 0));
    assertThat(figures.usage()).isEqualTo(new TokenUsage(208, 100, 0));
    assertThat(reduce.usage()).isEqualTo(new TokenUsage(409, 200, 0));
    // llama3.2:3b at 0.02 / 0.04 per million: 208 x 0.02 + 100 x 0.04 = 8.16 micro-dollars.
    assertThat(prose.costUsd()).isEqualTo(new BigDecimal("0.000008160000"));
    // gpt-4o at 2.50 / 10.00 per million since 2024-10-02: 520 + 1000 micro-dollars.
    assertThat(figures.costUsd()).isEqualTo(new BigDecimal("0.001520000000"));
    // The reduce on llama3.2:3b: 409 x 0.02 + 200 x 0.04 = 16.18 micro-dollars.
    assertThat(reduce.costUsd()).isEqualTo(new BigDecimal("0.000016180000"));
  }

  @Test
  void aCallIsPricedAtThePriceInEffectOnTheDayOfTheEstimate() {
    PrecisSettings settings = TestSettings.settings();
    // gpt-4o cost 5.00 / 15.00 per million before 2024-10-02.
    CostEstimator before = new CostEstimator(settings, JOB, Instant.parse("2024-06-01T12:00:00Z"));

    LlmCallRecord figures =
        before.estimate(NAME, List.of(chunk(0, FIGURES)), HUNDRED).chunks().get(0).call();

    // 208 x 5.00 + 100 x 15.00 = 1040 + 1500 micro-dollars.
    assertThat(figures.costUsd()).isEqualTo(new BigDecimal("0.002540000000"));
    // Before gpt-4o had a price at all, there is nothing to estimate with.
    CostEstimator unpriced =
        new CostEstimator(settings, JOB, Instant.parse("2024-05-12T12:00:00Z"));
    assertThatThrownBy(() -> unpriced.estimate(NAME, List.of(chunk(0, FIGURES)), HUNDRED))
        .isInstanceOf(PrecisException.class)
        .hasMessage(Errors.missingPrice("openai/gpt-4o", "premium").getMessage());
  }

  @Test
  void aChunkCallHasTheIdempotencyKeyAndRequestHashOfTheRunsCall() {
    PrecisSettings settings = TestSettings.settings();
    Chunk prose = chunk(0, PROSE);
    Chunk figures = chunk(1, FIGURES);
    DocumentEstimate estimate = estimator(settings).estimate(NAME, List.of(prose, figures), CHARS);
    FakeLlmClient client = FakeLlmClient.answering("ok", new TokenUsage(10, 2, 0));
    LlmCaller caller =
        new LlmCaller(
            Map.of("cheap", client, "premium", client),
            settings.llm().tiers(),
            settings.prices(),
            CLOCK);
    ChunkSummarizer run =
        new ChunkSummarizer(
            BucketRoutingPolicy.from(settings), caller, settings.llm(), settings.summary());

    LlmCallRecord ranProse = run.summarize(prose, NAME, JOB).calls().get(0);
    LlmCallRecord ranFigures = run.summarize(figures, NAME, JOB).calls().get(0);

    for (var pair :
        List.of(List.of(call(estimate, 0), ranProse), List.of(call(estimate, 1), ranFigures))) {
      LlmCallRecord estimated = pair.get(0);
      LlmCallRecord ran = pair.get(1);
      assertThat(estimated.callId()).matches("[0-9a-f]{32}").isEqualTo(ran.callId());
      assertThat(estimated.requestHash()).isEqualTo(ran.requestHash());
      assertThat(estimated.tier()).isEqualTo(ran.tier());
      assertThat(estimated.model()).isEqualTo(ran.model());
      assertThat(estimated.stage()).isEqualTo(ran.stage());
      assertThat(estimated.promptVersion()).isEqualTo(ran.promptVersion());
      assertThat(estimated.chunkId()).isEqualTo(ran.chunkId());
    }
    assertThat(ranProse.callId()).isNotEqualTo(ranFigures.callId());
  }

  @Test
  void theReduceCallHasTheIdempotencyKeyTheCallerGivesItsRequest() {
    PrecisSettings settings = TestSettings.settings();
    DocumentEstimate estimate = estimate(settings, CHARS, PROSE, FIGURES);
    FakeLlmClient client = FakeLlmClient.answering("ok", new TokenUsage(10, 2, 0));
    LlmCaller caller =
        new LlmCaller(Map.of("cheap", client), settings.llm().tiers(), settings.prices(), CLOCK);
    TierSettings cheap = settings.llm().cheapest();

    // The partial answers are not known before the run: the estimate's request has none.
    LlmCallRecord ran =
        caller
            .call(
                cheap.name(),
                Prompt.DOCUMENT_REDUCE,
                Prompt.DOCUMENT_REDUCE.system(150),
                Prompt.DOCUMENT_REDUCE.user(NAME, ""),
                JOB,
                DOC,
                null)
            .record();

    LlmCallRecord reduce = estimate.reduce().get(0);
    assertThat(reduce.callId()).isEqualTo(ran.callId());
    assertThat(reduce.requestHash()).isEqualTo(ran.requestHash());
  }
}
