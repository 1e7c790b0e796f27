package io.precis.summarize;

import io.precis.core.config.CheckSettings;
import io.precis.core.config.PrecisSettings;
import io.precis.core.config.TierSettings;
import io.precis.routing.BucketRoutingPolicy;
import io.precis.routing.embed.Embedder;
import io.precis.routing.embed.Embedders;
import io.precis.summarize.check.ResolutionChecks;
import io.precis.summarize.client.LlmClient;
import io.precis.summarize.client.LlmClients;
import io.precis.summarize.ledger.CallLedger;
import io.precis.summarize.limits.LimitedClient;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Everything a worker needs to summarize: one client per tier, the caller that prices and records
 * calls, the chunk summarizer and the document reducer, wired from the settings.
 */
public final class SummarizerServices {
  private final ChunkSummarizer chunks;
  private final DocumentReducer documents;

  private SummarizerServices(ChunkSummarizer chunks, DocumentReducer documents) {
    this.chunks = chunks;
    this.documents = documents;
  }

  public static SummarizerServices create(
      PrecisSettings settings, Function<String, String> environment, Clock clock) {
    return create(settings, environment, clock, CallBudget.unlimited());
  }

  /** Services whose calls stop when the budget is spent. */
  public static SummarizerServices create(
      PrecisSettings settings,
      Function<String, String> environment,
      Clock clock,
      CallBudget budget) {
    return create(settings, environment, clock, budget, CallLedger.none());
  }

  /**
   * Services whose calls stop when the budget is spent, and that make no call whose answer the
   * ledger holds.
   */
  public static SummarizerServices create(
      PrecisSettings settings,
      Function<String, String> environment,
      Clock clock,
      CallBudget budget,
      CallLedger ledger) {
    Map<String, LlmClient> clients = clients(settings, environment);
    LlmCaller caller =
        new LlmCaller(
            clients,
            settings.llm().tiers(),
            settings.prices(),
            clock,
            budget,
            Retrier.of(settings.llm().retry()),
            ledger);
    return new SummarizerServices(
        new ChunkSummarizer(
            BucketRoutingPolicy.from(settings),
            caller,
            settings.llm(),
            settings.summary(),
            checks(settings, environment)),
        new DocumentReducer(caller, settings.llm(), settings.summary(), reduceTokens(settings)));
  }

  /**
   * Checks before a job starts that every tier it uses is priced today, that a reduce call can hold
   * two answers, and that every tier has its API key and answers with its model loaded, so that a
   * misconfiguration fails in seconds, not mid-job.
   *
   * @throws io.precis.core.errors.PrecisException saying what is wrong and how to fix it
   */
  public static void preflight(
      PrecisSettings settings, Function<String, String> environment, Clock clock) {
    requirePrices(settings, clock);
    ReducePlan.requireFanIn(settings.llm().cheapest(), settings.summary(), reduceTokens(settings));
    Map<String, LlmClient> clients = clients(settings, environment);
    for (TierSettings tier : settings.calledTiers()) {
      clients.get(tier.name()).checkReady(tier.model());
    }
  }

  /**
   * Checks that every tier a job uses is priced today.
   *
   * @throws io.precis.core.errors.PrecisException naming the model and how to price it
   */
  public static void requirePrices(PrecisSettings settings, Clock clock) {
    LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
    for (TierSettings tier : settings.pricedTiers()) {
      settings.prices().require(tier.modelKey(), tier.name(), today);
    }
  }

  /** Counts text in the tokens of the tier that reduces, as estimates count it. */
  private static ToIntFunction<String> reduceTokens(PrecisSettings settings) {
    return TokenCounts.forTier(settings.llm().cheapest(), settings.chunking().encoding());
  }

  public ChunkSummarizer chunks() {
    return chunks;
  }

  public DocumentReducer documents() {
    return documents;
  }

  /**
   * The resolution checks; the faithfulness check embeds with the JVM's shared embedder, so it is
   * only loaded when that check is on.
   */
  private static ResolutionChecks checks(
      PrecisSettings settings, Function<String, String> environment) {
    CheckSettings checks = settings.checks();
    Embedder embedder =
        checks.enabled() && checks.faithfulnessThreshold() > 0
            ? Embedders.shared(settings.embedder(), environment)
            : null;
    return new ResolutionChecks(checks, embedder);
  }

  private static Map<String, LlmClient> clients(
      PrecisSettings settings, Function<String, String> environment) {
    Map<String, LlmClient> clients = new LinkedHashMap<>();
    for (TierSettings tier : settings.calledTiers()) {
      String name = tier.name();
      // Every attempt of every tier passes the model's shared rate limiter and circuit breaker.
      clients.put(
          name,
          LimitedClient.wrap(
              LlmClients.create(tier, environment), tier, settings.llm().circuitBreaker()));
    }
    return clients;
  }
}
