package io.precis.summarize;

import static io.precis.summarize.TestSettings.CLOCK;
import static io.precis.summarize.TestSettings.JOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.precis.core.config.ConfigLoader;
import io.precis.core.config.PrecisSettings;
import io.precis.core.cost.TokenUsage;
import io.precis.core.model.Chunk;
import io.precis.core.model.ErrorCode;
import io.precis.core.model.LlmCallRecord;
import io.precis.core.model.Resolution;
import io.precis.routing.BucketRoutingPolicy;
import io.precis.summarize.check.ResolutionChecks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The cheap-first cascade: an answer counts only when it passes the resolution checks; a failed
 * check or an open circuit breaker goes on to the next tier of the chunk's route, and the reason is
 * kept; any other failed call leaves the chunk UNRESOLVED for a later run.
 */
class CascadeTest {
  private static final String PROSE =
      "The harbour office opens at seven and closes at five. Boats that arrive after five tie up"
          + " at the visitors' pontoon and report to the office the next morning before leaving.";
  private static final TokenUsage USAGE = new TokenUsage(120, 30, 0);
  private static final String HONEST =
      "The harbour office opens at seven and closes at five; late boats use the visitors'"
          + " pontoon and report the next morning.";

  // The faithfulness check needs an embedder; these tests cover the lexical checks.
  private final PrecisSettings settings =
      PrecisSettings.from(
          ConfigLoader.load(Optional.empty(), List.of("checks.faithfulness-threshold=0")));

  private ChunkSummarizer summarizer(FakeLlmClient cheap, FakeLlmClient premium) {
    LlmCaller caller =
        new LlmCaller(
            Map.of("cheap", cheap, "premium", premium),
            settings.llm().tiers(),
            settings.prices(),
            CLOCK);
    return new ChunkSummarizer(
        BucketRoutingPolicy.from(settings),
        caller,
        settings.llm(),
        settings.summary(),
        new ResolutionChecks(settings.checks()));
  }

  private static Chunk chunk() {
    return Chunk.of("doc-1", 0, PROSE, 40);
  }

  @Test
  void aCheapAnswerThatPassesResolvesTheChunkCheap() {
    FakeLlmClient cheap = FakeLlmClient.answering(HONEST, USAGE);
    FakeLlmClient premium = FakeLlmClient.answering("premium", USAGE);

    ChunkOutcome outcome = summarizer(cheap, premium).summarize(chunk(), "harbour.txt", JOB);

    assertThat(outcome.resolution()).isEqualTo(Resolution.CHEAP);
    assertThat(outcome.summary()).isEqualTo(HONEST);
    assertThat(premium.requests()).isEmpty();
    assertThat(outcome.calls()).singleElement().extracting(LlmCallRecord::checkFailed).isNull();
  }

  @Test
  void anInventedFigureEscalatesToPremiumAndTheReasonIsKeptInTheCallAndTheChunk() {
    FakeLlmClient cheap =
        FakeLlmClient.answering(HONEST + " Fees rose 137.5% to $4,812,309.", USAGE);
    FakeLlmClient premium = FakeLlmClient.answering(HONEST, USAGE);

    ChunkOutcome outcome = summarizer(cheap, premium).summarize(chunk(), "harbour.txt", JOB);

    assertThat(outcome.resolution()).isEqualTo(Resolution.PREMIUM);
    assertThat(outcome.tier()).isEqualTo("premium");
    assertThat(outcome.summary()).isEqualTo(HONEST);
    assertThat(outcome.calls()).hasSize(2);
    LlmCallRecord cheapCall = outcome.calls().get(0);
    assertThat(cheapCall.tier()).isEqualTo("cheap");
    assertThat(cheapCall.ok()).isTrue();
    assertThat(cheapCall.costUsd()).isPositive(); // it was paid for, even if not used
    assertThat(cheapCall.checkFailed()).startsWith("INVENTED_NUMBER").contains("4,812,309");
    assertThat(outcome.calls().get(1).checkFailed()).isNull();
    assertThat(outcome.reason()).contains("escalated past cheap answer failed INVENTED_NUMBER");
  }

  @Test
  void aRefusalEscalatesAndTheLastTierIsTakenAsItIs() {
    FakeLlmClient cheap =
        FakeLlmClient.answering("I'm sorry, but I can't help with summarizing this.", USAGE);
    FakeLlmClient premium = FakeLlmClient.answering("Short.", USAGE);

    ChunkOutcome outcome = summarizer(cheap, premium).summarize(chunk(), "harbour.txt", JOB);

    // "Short." would fail TOO_SHORT on a cheaper tier; on the last one there is nothing above.
    assertThat(outcome.resolution()).isEqualTo(Resolution.PREMIUM);
    assertThat(outcome.summary()).isEqualTo("Short.");
    assertThat(outcome.calls().get(0).checkFailed()).startsWith("REFUSAL");
  }

  @Test
  void aCheapTierWhoseCircuitBreakerIsOpenFallsBackToTheNextTier() {
    FakeLlmClient cheap =
        FakeLlmClient.failing(ErrorCode.PROVIDER_CIRCUIT_OPEN, "circuit open for 30 s");
    FakeLlmClient premium = FakeLlmClient.answering(HONEST, USAGE);

    ChunkOutcome outcome = summarizer(cheap, premium).summarize(chunk(), "harbour.txt", JOB);

    assertThat(outcome.resolution()).isEqualTo(Resolution.PREMIUM);
    assertThat(outcome.calls()).extracting(LlmCallRecord::ok).containsExactly(false, true);
    assertThat(outcome.reason()).contains("cheap failed (PROVIDER_CIRCUIT_OPEN)");
  }

  @Test
  void aCallThatFailsAfterItsRetriesLeavesTheChunkUnresolvedWithEveryReason() {
    FakeLlmClient cheap =
        FakeLlmClient.answering(HONEST + " Fees rose 137.5% to $4,812,309.", USAGE);
    FakeLlmClient premium = FakeLlmClient.failing(ErrorCode.PROVIDER_ERROR, "HTTP 500");

    ChunkOutcome outcome = summarizer(cheap, premium).summarize(chunk(), "harbour.txt", JOB);

    assertThat(outcome.resolution()).isEqualTo(Resolution.UNRESOLVED);
    assertThat(outcome.summary()).isNull();
    assertThat(outcome.calls()).hasSize(2);
    assertThat(outcome.reason())
        .startsWith("PROVIDER_ERROR: HTTP 500")
        .contains("cheap answer failed INVENTED_NUMBER");
  }
}
