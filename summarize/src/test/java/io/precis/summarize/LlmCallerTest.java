package io.precis.summarize;

import static io.precis.summarize.TestSettings.JOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.config.Provider;
import io.precis.core.config.TierSettings;
import io.precis.core.cost.ModelPrice;
import io.precis.core.cost.Money;
import io.precis.core.cost.PriceTable;
import io.precis.core.cost.TokenUsage;
import io.precis.core.errors.Errors;
import io.precis.core.errors.PrecisException;
import io.precis.core.model.CallStage;
import io.precis.core.model.ErrorCode;
import io.precis.core.model.JobContext;
import io.precis.core.model.LlmCallRecord;
import io.precis.summarize.client.ChatRequest;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmCallerTest {
  private static final String SYSTEM = "You summarize passages. Answer in at most 60 words.";
  private static final String USER = "Summarize this passage of \"a.txt\".\n\nThe pier reopened.";
  private static final TokenUsage USAGE = new TokenUsage(1_000, 200, 100);

  /** A price cut on 2025-06-01: before it 1.00 / 0.50 / 2.00, from it 3.00 / 1.50 / 6.00. */
  private static final ModelPrice OLD_PRICE = price("2025-01-01", "1.00", "0.50", "2.00");

  private static final ModelPrice NEW_PRICE = price("2025-06-01", "3.00", "1.50", "6.00");
  private static final PriceTable PRICES =
      new PriceTable(Map.of("openai/fake-model", List.of(NEW_PRICE, OLD_PRICE)));

  private static final Instant LAST_DAY_OF_OLD_PRICE = Instant.parse("2025-05-31T23:30:00Z");
  private static final Instant FIRST_DAY_OF_NEW_PRICE = Instant.parse("2025-06-01T00:30:00Z");

  private static ModelPrice price(String since, String input, String cached, String output) {
    return new ModelPrice(
        LocalDate.parse(since),
        new BigDecimal(input),
        new BigDecimal(cached),
        new BigDecimal(output),
        new BigDecimal("0.5"));
  }

  private static TierSettings tier(String name, String model, int maxOutputTokens) {
    return new TierSettings(
        name,
        Provider.OPENAI,
        URI.create("http://127.0.0.1:9/v1"),
        model,
        "",
        Duration.ofSeconds(30),
        maxOutputTokens,
        0.0,
        0);
  }

  private static final TierSettings PREMIUM = tier("premium", "fake-model", 256);

  private static LlmCaller caller(FakeLlmClient client, Instant now) {
    return caller(client, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static LlmCaller caller(FakeLlmClient client, Clock clock) {
    return new LlmCaller(Map.of("premium", client), Map.of("premium", PREMIUM), PRICES, clock);
  }

  private static LlmCaller.Result call(
      LlmCaller caller, Prompt prompt, String system, String user) {
    return caller.call("premium", prompt, system, user, JOB, "doc-1", "chunk-1");
  }

  @Test
  void aCallIsCostedAtThePriceInEffectOnTheDayOfTheClock() {
    FakeLlmClient client = FakeLlmClient.answering("The pier reopened.", USAGE);

    LlmCallRecord before =
        call(caller(client, LAST_DAY_OF_OLD_PRICE), Prompt.CHUNK_SUMMARY, SYSTEM, USER).record();
    LlmCallRecord after =
        call(caller(client, FIRST_DAY_OF_NEW_PRICE), Prompt.CHUNK_SUMMARY, SYSTEM, USER).record();

    assertThat(before.costUsd()).isEqualTo(OLD_PRICE.cost(USAGE, false));
    assertThat(after.costUsd()).isEqualTo(NEW_PRICE.cost(USAGE, false));
    // 900 uncached input, 100 cached input and 200 output tokens, per million, not batched.
    assertThat(before.costUsd()).isEqualByComparingTo("0.00135");
    assertThat(after.costUsd()).isEqualByComparingTo("0.00405");
    assertThat(before.costUsd().scale()).isEqualTo(Money.SCALE);
    assertThat(before.startedAt()).isEqualTo(LAST_DAY_OF_OLD_PRICE);
    assertThat(after.startedAt()).isEqualTo(FIRST_DAY_OF_NEW_PRICE);
  }

  @Test
  void theDayOfTheCallIsTheUtcDayWhateverTheClockZone() {
    // 23:30 UTC on May 31 is already June 1 in Tokyo; the ledger prices by the UTC day.
    Clock tokyo = Clock.fixed(LAST_DAY_OF_OLD_PRICE, ZoneId.of("Asia/Tokyo"));
    FakeLlmClient client = FakeLlmClient.answering("The pier reopened.", USAGE);

    LlmCallRecord record = call(caller(client, tokyo), Prompt.CHUNK_SUMMARY, SYSTEM, USER).record();

    assertThat(record.costUsd()).isEqualByComparingTo("0.00135");
  }

  @Test
  void aSuccessfulCallRecordsWhatWasAskedAndWhatItUsed() {
    FakeLlmClient client = FakeLlmClient.answering("The pier reopened.", USAGE);

    LlmCaller.Result result =
        call(caller(client, FIRST_DAY_OF_NEW_PRICE), Prompt.DOCUMENT_REDUCE, SYSTEM, USER);

    assertThat(result.answer()).isPresent();
    assertThat(result.answer().get().text()).isEqualTo("The pier reopened.");
    assertThat(client.requests())
        .containsExactly(new ChatRequest("fake-model", SYSTEM, USER, 256, 0.0));
    LlmCallRecord record = result.record();
    assertThat(record.ok()).isTrue();
    assertThat(record.status()).isEqualTo("OK");
    assertThat(record.errorCode()).isNull();
    assertThat(record.errorMessage()).isNull();
    assertThat(record.usage()).isEqualTo(USAGE);
    assertThat(record.job()).isEqualTo(JOB);
    assertThat(record.docId()).isEqualTo("doc-1");
    assertThat(record.chunkId()).isEqualTo("chunk-1");
    assertThat(record.stage()).isEqualTo(CallStage.DOC_REDUCE);
    assertThat(record.provider()).isEqualTo("openai");
    assertThat(record.model()).isEqualTo("fake-model");
    assertThat(record.tier()).isEqualTo("premium");
    assertThat(record.promptVersion()).isEqualTo("doc-reduce/v1");
    assertThat(record.attempts()).isEqualTo(1);
    assertThat(record.latencyMs()).isNotNegative();
  }

  @Test
  void aFailedCallRecordsItsErrorWithZeroUsageAndZeroCost() {
    FakeLlmClient client =
        FakeLlmClient.failing(ErrorCode.PROVIDER_TIMEOUT, "no answer within PT1S");

    LlmCaller.Result result =
        call(caller(client, FIRST_DAY_OF_NEW_PRICE), Prompt.CHUNK_SUMMARY, SYSTEM, USER);

    assertThat(result.answer()).isEmpty();
    LlmCallRecord record = result.record();
    assertThat(record.ok()).isFalse();
    assertThat(record.status()).isEqualTo("FAILED");
    assertThat(record.errorCode()).isEqualTo(ErrorCode.PROVIDER_TIMEOUT);
    assertThat(record.errorMessage()).isEqualTo("no answer within PT1S");
    assertThat(record.usage()).isEqualTo(TokenUsage.NONE);
    assertThat(record.costUsd()).isEqualTo(Money.ZERO).isZero();
    assertThat(record.stage()).isEqualTo(CallStage.CHUNK_SUMMARY);
    assertThat(record.startedAt()).isEqualTo(FIRST_DAY_OF_NEW_PRICE);
    assertThat(client.requests()).hasSize(1);
  }

  @Test
  void theCallIdIsStableForTheSameCallWhateverTheJob() {
    FakeLlmClient client = FakeLlmClient.answering("ok", USAGE);
    LlmCaller caller = caller(client, FIRST_DAY_OF_NEW_PRICE);
    JobContext otherJob = new JobContext("job-2", "contracts", "globex", "bob");

    String first = call(caller, Prompt.CHUNK_SUMMARY, SYSTEM, USER).record().callId();
    String again = call(caller, Prompt.CHUNK_SUMMARY, SYSTEM, USER).record().callId();
    String elsewhere =
        caller
            .call("premium", Prompt.CHUNK_SUMMARY, SYSTEM, USER, otherJob, "doc-9", "chunk-9")
            .record()
            .callId();

    assertThat(first).matches("[0-9a-f]{32}").isEqualTo(again).isEqualTo(elsewhere);
  }

  @Test
  void theCallIdChangesWithThePromptVersionTheModelTheTextAndTheParameters() {
    FakeLlmClient client = FakeLlmClient.answering("ok", USAGE);
    TierSettings otherModel = tier("other", "fake-model-2", 256);
    TierSettings otherBudget = tier("short", "fake-model", 64);
    PriceTable prices =
        new PriceTable(
            Map.of(
                "openai/fake-model", List.of(OLD_PRICE),
                "openai/fake-model-2", List.of(OLD_PRICE)));
    LlmCaller caller =
        new LlmCaller(
            Map.of("premium", client, "other", client, "short", client),
            Map.of("premium", PREMIUM, "other", otherModel, "short", otherBudget),
            prices,
            Clock.fixed(FIRST_DAY_OF_NEW_PRICE, ZoneOffset.UTC));

    String base = call(caller, Prompt.CHUNK_SUMMARY, SYSTEM, USER).record().callId();
    String otherVersion = call(caller, Prompt.DOCUMENT_REDUCE, SYSTEM, USER).record().callId();
    String otherText =
        call(caller, Prompt.CHUNK_SUMMARY, SYSTEM, USER.replace("pier", "quay")).record().callId();
    String otherSystem =
        call(caller, Prompt.CHUNK_SUMMARY, SYSTEM.replace("60", "80"), USER).record().callId();
    String onOtherModel =
        caller
            .call("other", Prompt.CHUNK_SUMMARY, SYSTEM, USER, JOB, "doc-1", "chunk-1")
            .record()
            .callId();
    String withOtherBudget =
        caller
            .call("short", Prompt.CHUNK_SUMMARY, SYSTEM, USER, JOB, "doc-1", "chunk-1")
            .record()
            .callId();

    assertThat(List.of(base, otherVersion, otherText, otherSystem, onOtherModel, withOtherBudget))
        .doesNotHaveDuplicates();
  }

  @Test
  void theRequestHashIs24HexCharactersAndIgnoresWhitespaceAndCase() {
    FakeLlmClient client = FakeLlmClient.answering("ok", USAGE);
    LlmCaller caller = caller(client, FIRST_DAY_OF_NEW_PRICE);

    String hash = call(caller, Prompt.CHUNK_SUMMARY, SYSTEM, USER).record().requestHash();
    String sloppy =
        call(
                caller,
                Prompt.CHUNK_SUMMARY,
                "  " + SYSTEM.toUpperCase(Locale.ROOT).replace(" ", " \t ") + "\n",
                USER.replace("\n\n", "\n \n").replace("pier", "PIER") + "  ")
            .record()
            .requestHash();
    String different =
        call(caller, Prompt.CHUNK_SUMMARY, SYSTEM, USER.replace("pier", "quay"))
            .record()
            .requestHash();

    assertThat(hash).matches("[0-9a-f]{24}");
    assertThat(sloppy).isEqualTo(hash);
    assertThat(different).matches("[0-9a-f]{24}").isNotEqualTo(hash);
  }

  @Test
  void aTierWithNoPriceThatDayThrowsTheMissingPriceError() {
    FakeLlmClient client = FakeLlmClient.answering("ok", USAGE);
    // The model's first price takes effect on 2025-01-01.
    LlmCaller caller = caller(client, Instant.parse("2024-12-31T12:00:00Z"));

    assertThatThrownBy(() -> call(caller, Prompt.CHUNK_SUMMARY, SYSTEM, USER))
        .isInstanceOf(PrecisException.class)
        .hasMessage(Errors.missingPrice("openai/fake-model", "premium").getMessage())
        .hasMessageStartingWith("No price for model 'openai/fake-model' (tier 'premium')");
  }

  @Test
  void aModelMissingFromThePriceTableThrowsTheMissingPriceError() {
    FakeLlmClient client = FakeLlmClient.answering("ok", USAGE);
    TierSettings unpriced = tier("premium", "gpt-unpriced", 256);
    LlmCaller caller =
        new LlmCaller(
            Map.of("premium", client),
            Map.of("premium", unpriced),
            PRICES,
            Clock.fixed(FIRST_DAY_OF_NEW_PRICE, ZoneOffset.UTC));

    assertThatThrownBy(() -> call(caller, Prompt.CHUNK_SUMMARY, SYSTEM, USER))
        .isInstanceOf(PrecisException.class)
        .hasMessage(Errors.missingPrice("openai/gpt-unpriced", "premium").getMessage());
  }

  @Test
  void anUnpricedTierIsNotCalled() {
    FakeLlmClient client = FakeLlmClient.answering("ok", USAGE);
    LlmCaller caller = caller(client, Instant.parse("2024-12-31T12:00:00Z"));

    assertThatThrownBy(() -> call(caller, Prompt.CHUNK_SUMMARY, SYSTEM, USER))
        .isInstanceOf(PrecisException.class);
    assertThat(client.requests()).isEmpty();
  }

  @Test
  void anUnknownTierIsRejected() {
    LlmCaller caller = caller(FakeLlmClient.answering("ok", USAGE), FIRST_DAY_OF_NEW_PRICE);

    assertThatThrownBy(
            () -> caller.call("nope", Prompt.CHUNK_SUMMARY, SYSTEM, USER, JOB, "doc-1", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no client for tier nope");
  }

  /** 100 input and 50 output tokens: at the new price, 300 + 300 micro-dollars. */
  private static final TokenUsage SMALL_USAGE = new TokenUsage(100, 50, 0);

  private static final BigDecimal SMALL_COST = new BigDecimal("0.000600000000");

  /**
   * The worst case of SYSTEM and USER at the new price: 51 + 54 bytes and 16 template tokens of
   * input at 3.00 a million, and the tier's 256 output tokens at 6.00 a million.
   */
  private static final BigDecimal WORST_CASE = new BigDecimal("0.001899");

  private static LlmCaller caller(FakeLlmClient client, CallBudget budget) {
    return new LlmCaller(
        Map.of("premium", client),
        Map.of("premium", PREMIUM),
        PRICES,
        Clock.fixed(FIRST_DAY_OF_NEW_PRICE, ZoneOffset.UTC),
        budget);
  }

  @Test
  void aBudgetedCallerChargesEachCallAndRefusesTheFirstItsBudgetCannotCoverAtWorst() {
    FakeLlmClient client = FakeLlmClient.answering("The pier reopened.", SMALL_USAGE);
    // Room for two calls at their actual cost, and a third at its worst case.
    BigDecimal limit = SMALL_COST.multiply(BigDecimal.valueOf(2)).add(WORST_CASE);
    assertThat(limit).isEqualByComparingTo("0.003099");
    CallBudget budget = CallBudget.of(limit);
    LlmCaller caller = caller(client, budget);

    List<LlmCaller.Result> made =
        List.of(
            call(caller, Prompt.CHUNK_SUMMARY, SYSTEM, USER),
            call(caller, Prompt.CHUNK_SUMMARY, SYSTEM, USER),
            // 0.0012 spent + 0.001899 at worst is the limit exactly: allowed.
            call(caller, Prompt.CHUNK_SUMMARY, SYSTEM, USER));

    assertThat(made).allSatisfy(result -> assertThat(result.answer()).isPresent());
    assertThat(made).extracting(r -> r.record().costUsd()).containsOnly(SMALL_COST);
    assertThat(budget.spent()).isEqualTo(new BigDecimal("0.001800000000"));
    assertThat(client.requests()).hasSize(3);

    // 0.0018 spent + 0.001899 at worst is over 0.003099, though the call would cost 0.0006.
    LlmCaller.Result refused = call(caller, Prompt.CHUNK_SUMMARY, SYSTEM, USER);

    assertThat(refused.answer()).isEmpty();
    assertThat(refused.record()).isNull();
    assertThat(refused.calls()).isEmpty();
    assertThat(refused.failure())
        .startsWith(ErrorCode.BUDGET_REACHED + ": ")
        .startsWith("BUDGET_REACHED: ")
        .contains("$0.001800 of $0.003099");
    assertThat(client.requests()).hasSize(3);
    assertThat(budget.spent()).isEqualTo(new BigDecimal("0.001800000000"));
    // And so is every call after it.
    assertThat(call(caller, Prompt.DOCUMENT_REDUCE, SYSTEM, USER).failure())
        .startsWith("BUDGET_REACHED: ");
    assertThat(client.requests()).hasSize(3);
  }

  @Test
  void theWorstCaseIsEveryUtf8ByteOfTheMessagesAToken16TemplateTokensAndTheWholeOutputBudget() {
    // "café": 4 characters, 5 bytes. The user message is 55 bytes.
    String user = "Summarize this passage of \"a.txt\".\n\nLe café a rouvert.";
    // (51 + 55 + 16) x 3.00 + 256 x 6.00 = 366 + 1536 micro-dollars.
    BigDecimal worstCase = new BigDecimal("0.001902");
    FakeLlmClient client = FakeLlmClient.answering("Le café a rouvert.", SMALL_USAGE);

    LlmCaller.Result under =
        call(
            caller(client, CallBudget.of(worstCase.subtract(new BigDecimal("0.000000000001")))),
            Prompt.CHUNK_SUMMARY,
            SYSTEM,
            user);

    assertThat(under.answer()).isEmpty();
    assertThat(under.record()).isNull();
    assertThat(under.failure())
        .isEqualTo(
            "BUDGET_REACHED: the job's budget is spent ($0.000000 of $0.001902 for this worker);"
                + " raise --budget and run again");
    assertThat(client.requests()).isEmpty();

    CallBudget exact = CallBudget.of(worstCase);
    LlmCaller.Result at = call(caller(client, exact), Prompt.CHUNK_SUMMARY, SYSTEM, user);

    assertThat(at.answer()).isPresent();
    assertThat(at.record().costUsd()).isEqualTo(SMALL_COST);
    assertThat(exact.spent()).isEqualTo(SMALL_COST);
    assertThat(client.requests()).hasSize(1);
  }

  @Test
  void aFailedCallIsNotCharged() {
    FakeLlmClient client = FakeLlmClient.failing(ErrorCode.PROVIDER_TIMEOUT, "no answer");
    CallBudget budget = CallBudget.of(WORST_CASE);
    LlmCaller caller = caller(client, budget);

    LlmCaller.Result first = call(caller, Prompt.CHUNK_SUMMARY, SYSTEM, USER);
    LlmCaller.Result second = call(caller, Prompt.CHUNK_SUMMARY, SYSTEM, USER);

    assertThat(first.failure()).startsWith("PROVIDER_TIMEOUT: ");
    assertThat(second.failure()).startsWith("PROVIDER_TIMEOUT: ");
    assertThat(budget.spent()).isEqualTo(Money.ZERO);
    assertThat(client.requests()).hasSize(2);
  }

  @Test
  void anUnlimitedBudgetNeverRefusesAndCountsWhatIsSpent() {
    FakeLlmClient client = FakeLlmClient.answering("The pier reopened.", USAGE);
    CallBudget budget = CallBudget.unlimited();
    LlmCaller caller = caller(client, budget);

    for (int i = 0; i < 5; i++) {
      assertThat(call(caller, Prompt.CHUNK_SUMMARY, SYSTEM, USER).answer()).isPresent();
    }

    assertThat(client.requests()).hasSize(5);
    // 5 x 0.00405 (see the price test above).
    assertThat(budget.spent()).isEqualTo(new BigDecimal("0.020250000000"));
  }
}
