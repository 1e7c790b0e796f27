package io.precis.summarize;

import io.precis.core.config.TierSettings;
import io.precis.core.cost.ModelPrice;
import io.precis.core.cost.Money;
import io.precis.core.cost.TokenUsage;
import io.precis.core.model.JobContext;
import io.precis.core.model.LlmCallRecord;
import io.precis.core.util.Hashes;
import io.precis.summarize.client.ChatAnswer;
import io.precis.summarize.client.ChatRequest;
import io.precis.summarize.client.LlmCallException;
import io.precis.summarize.client.LlmClient;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Makes one logical LLM call on a tier and records it for the ledger: usage, latency, and cost at
 * the price in effect on the day of the call.
 */
public final class LlmCaller {
  private final Map<String, LlmClient> clients;
  private final Map<String, TierSettings> tiers;
  private final io.precis.core.cost.PriceTable prices;
  private final Clock clock;

  public LlmCaller(
      Map<String, LlmClient> clients,
      Map<String, TierSettings> tiers,
      io.precis.core.cost.PriceTable prices,
      Clock clock) {
    this.clients = Map.copyOf(clients);
    this.tiers = Map.copyOf(tiers);
    this.prices = Objects.requireNonNull(prices, "prices is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  /** The answer (if any) and the ledger record of the call. */
  public record Result(Optional<ChatAnswer> answer, LlmCallRecord record) {}

  public Result call(
      String tierName,
      Prompt prompt,
      String system,
      String user,
      JobContext job,
      String docId,
      String chunkId) {
    TierSettings tier = tiers.get(tierName);
    LlmClient client = clients.get(tierName);
    if (tier == null || client == null) {
      throw new IllegalArgumentException("no client for tier " + tierName);
    }
    ChatRequest request =
        new ChatRequest(tier.model(), system, user, tier.maxOutputTokens(), tier.temperature());
    Instant started = clock.instant();
    // Priced before the call: a call that could not be costed is never made.
    ModelPrice price = prices.require(tier.modelKey(), tier.name(), day(started));
    long startNanos = System.nanoTime();
    // Everything but the outcome is known before the call.
    Function<Outcome, LlmCallRecord> record =
        outcome ->
            new LlmCallRecord(
                idempotencyKey(tier, prompt, request),
                requestHash(tier, request),
                job,
                docId,
                chunkId,
                prompt.stage(),
                tier.provider().id(),
                tier.model(),
                tier.name(),
                prompt.version(),
                outcome.usage(),
                (System.nanoTime() - startNanos) / 1_000_000,
                outcome.cost(),
                outcome.error() == null,
                outcome.error() == null ? null : outcome.error().code(),
                outcome.error() == null ? null : outcome.error().getMessage(),
                1,
                started);
    try {
      ChatAnswer answer = client.chat(request);
      return new Result(
          Optional.of(answer),
          record.apply(new Outcome(answer.usage(), price.cost(answer.usage(), false), null)));
    } catch (LlmCallException e) {
      return new Result(
          Optional.empty(), record.apply(new Outcome(TokenUsage.NONE, Money.ZERO, e)));
    }
  }

  /** How a call ended: what it used and cost, or the error it ended with. */
  private record Outcome(TokenUsage usage, BigDecimal cost, LlmCallException error) {}

  /**
   * The idempotency key of a logical call: the same prompt to the same model with the same
   * parameters and prompt version has the same key, whatever job or task makes it.
   */
  static String idempotencyKey(TierSettings tier, Prompt prompt, ChatRequest request) {
    return Hashes.sha256Prefix(
        32,
        "call",
        tier.modelKey(),
        prompt.version(),
        Integer.toString(request.maxOutputTokens()),
        Double.toString(request.temperature()),
        request.system(),
        request.user());
  }

  /** 24 hex characters of a hash of the request with whitespace and case normalized. */
  static String requestHash(TierSettings tier, ChatRequest request) {
    return Hashes.sha256Prefix(
        24,
        tier.modelKey(),
        normalize(request.system()),
        normalize(request.user()),
        Integer.toString(request.maxOutputTokens()),
        Double.toString(request.temperature()));
  }

  private static String normalize(String text) {
    return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static LocalDate day(Instant instant) {
    return instant.atZone(ZoneOffset.UTC).toLocalDate();
  }
}
