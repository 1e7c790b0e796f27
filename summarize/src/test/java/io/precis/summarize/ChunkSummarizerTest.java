package io.precis.summarize;

import static io.precis.summarize.TestSettings.CLOCK;
import static io.precis.summarize.TestSettings.JOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.precis.core.config.PrecisSettings;
import io.precis.core.cost.TokenUsage;
import io.precis.core.model.CallStage;
import io.precis.core.model.Chunk;
import io.precis.core.model.ErrorCode;
import io.precis.core.model.LlmCallRecord;
import io.precis.core.model.Resolution;
import io.precis.routing.BucketRoutingPolicy;
import io.precis.summarize.client.ChatRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChunkSummarizerTest {
  private static final String PROSE =
      "Employees book business travel through the travel portal. Managers approve each trip"
          + " before it is booked, and receipts are filed within a month of the return.";

  /** A financial calculation: routing.pins sends it to the premium tier. */
  private static final String FIGURES =
      "Q1 revenue of $1,204,330 less costs of $894,000 gives a gross margin of 25.8%.\n"
          + "Q2 revenue of $1,310,002 at a margin of 27.1% lifts net income by 13.1%.";

  private static final TokenUsage USAGE = new TokenUsage(120, 30, 0);

  private final PrecisSettings settings = TestSettings.settings();
  private final FakeLlmClient cheap =
      FakeLlmClient.answering("  Travel is booked on the portal after approval.\n", USAGE);
  private final FakeLlmClient premium =
      FakeLlmClient.answering("Revenue grew each quarter of 2025.", USAGE);

  private ChunkSummarizer summarizer(FakeLlmClient cheapClient, FakeLlmClient premiumClient) {
    LlmCaller caller =
        new LlmCaller(
            Map.of("cheap", cheapClient, "premium", premiumClient),
            settings.llm().tiers(),
            settings.prices(),
            CLOCK);
    return new ChunkSummarizer(
        BucketRoutingPolicy.from(settings), caller, settings.llm(), settings.summary());
  }

  @Test
  void proseGoesToTheCheapTierAndResolvesCheap() {
    Chunk chunk = Chunk.of("doc-1", 0, PROSE, 40);

    ChunkOutcome outcome = summarizer(cheap, premium).summarize(chunk, "travel.md", JOB);

    assertThat(premium.requests()).isEmpty();
    assertThat(cheap.requests())
        .containsExactly(
            new ChatRequest(
                "llama3.2:3b",
                Prompt.CHUNK_SUMMARY.system(60),
                Prompt.CHUNK_SUMMARY.user("travel.md", PROSE),
                256,
                0.0));
    assertThat(outcome.resolution()).isEqualTo(Resolution.CHEAP);
    assertThat(outcome.resolved()).isTrue();
    assertThat(outcome.summary()).isEqualTo("Travel is booked on the portal after approval.");
    assertThat(outcome.tier()).isEqualTo("cheap");
    assertThat(outcome.model()).isEqualTo("llama3.2:3b");
    assertThat(outcome.bucket()).isEqualTo("simple");
    assertThat(outcome.reason()).startsWith("simple ");
    assertThat(outcome.chunk()).isEqualTo(chunk);
    assertThat(outcome.calls()).hasSize(1);
    LlmCallRecord call = outcome.calls().get(0);
    assertThat(call.ok()).isTrue();
    assertThat(call.tier()).isEqualTo("cheap");
    assertThat(call.stage()).isEqualTo(CallStage.CHUNK_SUMMARY);
    assertThat(call.docId()).isEqualTo("doc-1");
    assertThat(call.chunkId()).isEqualTo(chunk.chunkId());
    assertThat(call.usage()).isEqualTo(USAGE);
    // llama3.2:3b: 120 input tokens at 0.02 and 30 output tokens at 0.04 per million.
    assertThat(call.costUsd()).isEqualByComparingTo("0.0000036");
  }

  @Test
  void aFinancialCalculationGoesToThePremiumTierAndResolvesPremium() {
    Chunk chunk = Chunk.of("doc-2", 3, FIGURES, 60);
    var route = BucketRoutingPolicy.from(settings).route(chunk, JOB.feature(), null);

    ChunkOutcome outcome = summarizer(cheap, premium).summarize(chunk, "q3.docx", JOB);

    assertThat(cheap.requests()).isEmpty();
    assertThat(premium.requests()).hasSize(1);
    assertThat(premium.requests().get(0).model()).isEqualTo("gpt-4o");
    assertThat(premium.requests().get(0).user())
        .isEqualTo(Prompt.CHUNK_SUMMARY.user("q3.docx", FIGURES));
    assertThat(outcome.resolution()).isEqualTo(Resolution.PREMIUM);
    assertThat(outcome.summary()).isEqualTo("Revenue grew each quarter of 2025.");
    assertThat(outcome.tier()).isEqualTo("premium");
    assertThat(outcome.model()).isEqualTo("gpt-4o");
    assertThat(outcome.bucket()).isEqualTo(route.bucket());
    assertThat(outcome.reason())
        .isEqualTo(route.reason())
        .startsWith("pinned by content=financial (");
    assertThat(outcome.calls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.tier()).isEqualTo("premium");
              assertThat(call.provider()).isEqualTo("openai");
              // gpt-4o on 2025-10-01: 120 input tokens at 2.50 and 30 output tokens at 10.00 per
              // million.
              assertThat(call.costUsd()).isEqualByComparingTo("0.0006");
            });
  }

  @Test
  void aFailingProviderLeavesTheChunkUnresolvedWithTheReason() {
    FakeLlmClient down =
        FakeLlmClient.failing(ErrorCode.PROVIDER_UNREACHABLE, "connection refused");
    Chunk chunk = Chunk.of("doc-3", 1, PROSE, 40);

    ChunkOutcome outcome = summarizer(down, premium).summarize(chunk, "travel.md", JOB);

    assertThat(outcome.resolution()).isEqualTo(Resolution.UNRESOLVED);
    assertThat(outcome.resolved()).isFalse();
    assertThat(outcome.summary()).isNull();
    assertThat(outcome.reason()).isEqualTo("PROVIDER_UNREACHABLE: connection refused");
    assertThat(outcome.tier()).isEqualTo("cheap");
    assertThat(outcome.model()).isEqualTo("llama3.2:3b");
    assertThat(outcome.bucket()).isEqualTo("simple");
    // No escalation here: exactly the one failed call, and the premium tier is not tried.
    assertThat(down.requests()).hasSize(1);
    assertThat(premium.requests()).isEmpty();
    assertThat(outcome.calls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.ok()).isFalse();
              assertThat(call.errorCode()).isEqualTo(ErrorCode.PROVIDER_UNREACHABLE);
              assertThat(call.errorMessage()).isEqualTo("connection refused");
              assertThat(call.chunkId()).isEqualTo(chunk.chunkId());
            });
  }

  @Test
  void theChunkPromptAsksForTheConfiguredNumberOfWords() {
    PrecisSettings shorter = TestSettings.settings("summary.chunk-words=25");
    LlmCaller caller =
        new LlmCaller(
            Map.of("cheap", cheap, "premium", premium),
            shorter.llm().tiers(),
            shorter.prices(),
            CLOCK);
    ChunkSummarizer summarizer =
        new ChunkSummarizer(
            BucketRoutingPolicy.from(shorter), caller, shorter.llm(), shorter.summary());

    summarizer.summarize(Chunk.of("doc-1", 0, PROSE, 40), "travel.md", JOB);

    assertThat(cheap.requests().get(0).system()).contains("at most 25 words");
  }
}
