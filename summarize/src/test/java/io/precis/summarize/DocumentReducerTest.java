package io.precis.summarize;

import static io.precis.summarize.TestSettings.CLOCK;
import static io.precis.summarize.TestSettings.JOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.precis.core.config.PrecisSettings;
import io.precis.core.cost.TokenUsage;
import io.precis.core.model.CallStage;
import io.precis.core.model.Chunk;
import io.precis.core.model.ErrorCode;
import io.precis.core.model.Resolution;
import io.precis.summarize.client.ChatRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentReducerTest {
  private static final TokenUsage USAGE = new TokenUsage(300, 40, 0);

  private final FakeLlmClient cheap =
      FakeLlmClient.answering("\nThe handbook covers leave, travel and expenses.  ", USAGE);
  private final FakeLlmClient premium =
      FakeLlmClient.answering("The premium tier should not reduce.", USAGE);

  private DocumentReducer reducer(PrecisSettings settings) {
    LlmCaller caller =
        new LlmCaller(
            Map.of("cheap", cheap, "premium", premium),
            settings.llm().tiers(),
            settings.prices(),
            CLOCK);
    return new DocumentReducer(caller, settings.llm(), settings.summary(), tokens(settings));
  }

  private static java.util.function.ToIntFunction<String> tokens(PrecisSettings settings) {
    return TokenCounts.forTier(settings.llm().cheapest(), settings.chunking().encoding());
  }

  private static ChunkOutcome resolved(int ordinal, String tier, String model, String summary) {
    return new ChunkOutcome(
        Chunk.of("doc-1", ordinal, "Text of part " + ordinal + ".", 5),
        tier.equals("premium") ? Resolution.PREMIUM : Resolution.CHEAP,
        "text",
        tier,
        model,
        summary,
        "digit share 0.00 <= 0.15",
        List.of());
  }

  private static ChunkOutcome unresolved(int ordinal) {
    return new ChunkOutcome(
        Chunk.of("doc-1", ordinal, "Text of part " + ordinal + ".", 5),
        Resolution.UNRESOLVED,
        "text",
        "cheap",
        "llama3.2:3b",
        null,
        "PROVIDER_TIMEOUT: no answer within PT2M",
        List.of());
  }

  @Test
  void aOneChunkDocumentNeedsNoCall() {
    ChunkOutcome only = resolved(0, "premium", "gpt-4o", "Leave is booked in the HR portal.");

    DocumentSummary summary =
        reducer(TestSettings.settings()).reduce("doc-1", "leave.md", List.of(only), JOB);

    assertThat(cheap.requests()).isEmpty();
    assertThat(premium.requests()).isEmpty();
    assertThat(summary.docId()).isEqualTo("doc-1");
    assertThat(summary.summary()).isEqualTo("Leave is booked in the HR portal.");
    assertThat(summary.models()).containsExactly("gpt-4o");
    assertThat(summary.reason()).isEqualTo("single chunk");
    assertThat(summary.calls()).isEmpty();
  }

  @Test
  void aDocumentWithAnUnresolvedChunkGetsNoSummaryAndNoCall() {
    List<ChunkOutcome> chunks =
        List.of(
            resolved(0, "cheap", "llama3.2:3b", "Part one."),
            unresolved(1),
            resolved(2, "cheap", "llama3.2:3b", "Part three."));

    DocumentSummary summary =
        reducer(TestSettings.settings()).reduce("doc-1", "handbook.md", chunks, JOB);

    assertThat(cheap.requests()).isEmpty();
    assertThat(premium.requests()).isEmpty();
    assertThat(summary.summary()).isNull();
    assertThat(summary.reason()).isEqualTo("1 of 3 chunks unresolved");
    assertThat(summary.models()).isEmpty();
    assertThat(summary.calls()).isEmpty();
  }

  @Test
  void aMultiChunkDocumentIsReducedOnceOnTheCheapestTierInOrdinalOrder() {
    List<ChunkOutcome> outOfOrder =
        List.of(
            resolved(2, "cheap", "llama3.2:3b", "Expenses are filed within a month."),
            resolved(0, "cheap", "llama3.2:3b", "Leave is booked in the HR portal."),
            resolved(1, "premium", "gpt-4o", "Travel above 2,000 EUR needs approval."));

    DocumentSummary summary =
        reducer(TestSettings.settings()).reduce("doc-1", "handbook.md", outOfOrder, JOB);

    assertThat(premium.requests()).isEmpty();
    assertThat(cheap.requests())
        .containsExactly(
            new ChatRequest(
                "llama3.2:3b",
                Prompt.DOCUMENT_REDUCE.system(150),
                Prompt.DOCUMENT_REDUCE.user(
                    "handbook.md",
                    "Leave is booked in the HR portal.\n\n"
                        + "Travel above 2,000 EUR needs approval.\n\n"
                        + "Expenses are filed within a month."),
                256,
                0.0));
    assertThat(summary.summary()).isEqualTo("The handbook covers leave, travel and expenses.");
    assertThat(summary.reason()).isEqualTo("reduced 3 chunk summaries");
    // Each contributing model once, the reduce model included.
    assertThat(summary.models())
        .containsExactlyInAnyOrder("llama3.2:3b", "gpt-4o")
        .doesNotHaveDuplicates();
    assertThat(summary.calls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.ok()).isTrue();
              assertThat(call.stage()).isEqualTo(CallStage.DOC_REDUCE);
              assertThat(call.promptVersion()).isEqualTo("doc-reduce/v1");
              assertThat(call.tier()).isEqualTo("cheap");
              assertThat(call.docId()).isEqualTo("doc-1");
              assertThat(call.chunkId()).isNull();
              assertThat(call.usage()).isEqualTo(USAGE);
            });
  }

  @Test
  void theReduceFollowsTheCascadeNotTheTierName() {
    PrecisSettings reversed = TestSettings.settings("llm.cascade=[premium, cheap]");
    List<ChunkOutcome> chunks =
        List.of(
            resolved(0, "cheap", "llama3.2:3b", "Part one."),
            resolved(1, "cheap", "llama3.2:3b", "Part two."));

    DocumentSummary summary = reducer(reversed).reduce("doc-1", "handbook.md", chunks, JOB);

    assertThat(cheap.requests()).isEmpty();
    assertThat(premium.requests())
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.model()).isEqualTo("gpt-4o");
            });
    assertThat(summary.summary()).isEqualTo("The premium tier should not reduce.");
    assertThat(summary.models()).containsExactlyInAnyOrder("llama3.2:3b", "gpt-4o");
    assertThat(summary.calls()).singleElement().extracting(c -> c.tier()).isEqualTo("premium");
  }

  @Test
  void aFailedReduceLeavesTheDocumentWithoutSummaryAndKeepsTheFailedCall() {
    FakeLlmClient failing =
        FakeLlmClient.failing(ErrorCode.PROVIDER_ERROR, "simulated server error");
    PrecisSettings settings = TestSettings.settings();
    DocumentReducer reducer =
        new DocumentReducer(
            new LlmCaller(
                Map.of("cheap", failing, "premium", premium),
                settings.llm().tiers(),
                settings.prices(),
                CLOCK),
            settings.llm(),
            settings.summary(),
            tokens(settings));
    List<ChunkOutcome> chunks =
        List.of(
            resolved(0, "cheap", "llama3.2:3b", "Part one."),
            resolved(1, "cheap", "llama3.2:3b", "Part two."));

    DocumentSummary summary = reducer.reduce("doc-1", "handbook.md", chunks, JOB);

    assertThat(failing.requests()).hasSize(1);
    assertThat(summary.summary()).isNull();
    assertThat(summary.reason())
        .isEqualTo("reduce call 1 of 1 failed: PROVIDER_ERROR: simulated server error");
    assertThat(summary.models()).isEmpty();
    assertThat(summary.calls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.ok()).isFalse();
              assertThat(call.errorCode()).isEqualTo(ErrorCode.PROVIDER_ERROR);
            });
  }
}
