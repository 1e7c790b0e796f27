package io.precis.summarize;

import io.precis.core.config.PrecisSettings;
import io.precis.core.config.TierSettings;
import io.precis.routing.BucketRoutingPolicy;
import io.precis.summarize.client.LlmClient;
import io.precis.summarize.client.LlmClients;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

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
    Map<String, LlmClient> clients = clients(settings, environment);
    LlmCaller caller =
        new LlmCaller(
            clients,
            settings.llm().tiers(),
            settings.prices(),
            clock,
            budget,
            Retrier.of(settings.llm().retry()));
    return new SummarizerServices(
        new ChunkSummarizer(
            BucketRoutingPolicy.from(settings), caller, settings.llm(), settings.summary()),
        new DocumentReducer(caller, settings.llm(), settings.summary()));
  }

  /**
   * Checks before a job starts that every tier it uses is priced today, has its API key, and
   * answers with its model loaded, so that a misconfiguration fails in seconds, not mid-job.
   *
   * @throws io.precis.core.errors.PrecisException saying what is wrong and how to fix it
   */
  public static void preflight(
      PrecisSettings settings, Function<String, String> environment, Clock clock) {
    requirePrices(settings, clock);
    Map<String, LlmClient> clients = clients(settings, environment);
    for (String name : settings.llm().cascade()) {
      clients.get(name).checkReady(settings.llm().tier(name).model());
    }
  }

  /**
   * Checks that every tier a job uses is priced today.
   *
   * @throws io.precis.core.errors.PrecisException naming the model and how to price it
   */
  public static void requirePrices(PrecisSettings settings, Clock clock) {
    LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
    for (TierSettings tier : settings.llm().usedTiers()) {
      settings.prices().require(tier.modelKey(), tier.name(), today);
    }
  }

  public ChunkSummarizer chunks() {
    return chunks;
  }

  public DocumentReducer documents() {
    return documents;
  }

  private static Map<String, LlmClient> clients(
      PrecisSettings settings, Function<String, String> environment) {
    Map<String, LlmClient> clients = new LinkedHashMap<>();
    for (String name : settings.llm().cascade()) {
      clients.put(name, LlmClients.create(settings.llm().tier(name), environment));
    }
    return clients;
  }
}
