package io.precis.summarize;

import io.precis.core.config.TierSettings;
import io.precis.core.cost.ModelPrice;
import io.precis.core.cost.Money;
import io.precis.core.cost.TokenUsage;
import io.precis.core.model.ErrorCode;
import io.precis.core.model.JobContext;
import io.precis.core.model.LlmCallRecord;
import io.precis.core.util.Hashes;
import io.precis.summarize.client.ChatAnswer;
import io.precis.summarize.client.ChatRequest;
import io.precis.summarize.client.LlmCallException;
import io.precis.summarize.client.LlmClient;
import io.precis.summarize.ledger.CallLedger;
import io.precis.summarize.ledger.LedgerEntry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
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
  private final CallBudget budget;
  private final Retrier retrier;
  private final CallLedger ledger;

  public LlmCaller(
      Map<String, LlmClient> clients,
      Map<String, TierSettings> tiers,
      io.precis.core.cost.PriceTable prices,
      Clock clock) {
    this(clients, tiers, prices, clock, CallBudget.unlimited());
  }

  public LlmCaller(
      Map<String, LlmClient> clients,
      Map<String, TierSettings> tiers,
      io.precis.core.cost.PriceTable prices,
      Clock clock,
      CallBudget budget) {
    this(clients, tiers, prices, clock, budget, Retrier.none());
  }

  /**
   * @param retrier how a failed attempt is made again; every attempt of a logical call is one
   *     ledger record, with the number of attempts it took
   */
  public LlmCaller(
      Map<String, LlmClient> clients,
      Map<String, TierSettings> tiers,
      io.precis.core.cost.PriceTable prices,
      Clock clock,
      CallBudget budget,
      Retrier retrier) {
    this(clients, tiers, prices, clock, budget, retrier, CallLedger.none());
  }

  /**
   * @param ledger consulted before every call: a call whose answer it holds is not made again
   */
  public LlmCaller(
      Map<String, LlmClient> clients,
      Map<String, TierSettings> tiers,
      io.precis.core.cost.PriceTable prices,
      Clock clock,
      CallBudget budget,
      Retrier retrier,
      CallLedger ledger) {
    this.clients = Map.copyOf(clients);
    this.tiers = Map.copyOf(tiers);
    this.prices = Objects.requireNonNull(prices, "prices is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.budget = Objects.requireNonNull(budget, "budget is null");
    this.retrier = Objects.requireNonNull(retrier, "retrier is null");
    this.ledger = Objects.requireNonNull(ledger, "ledger is null");
  }

  /**
   * The answer (if any) and the ledger record of the call; or, for a call the budget did not allow,
   * no record and the refusal. An answer reused from the call ledger comes with the record of the
   * call that paid for it (its job, its time, its cost): the tables keep each paid call once.
   */
  public record Result(
      Optional<ChatAnswer> answer, LlmCallRecord record, String refusal, boolean reused) {
    Result(Optional<ChatAnswer> answer, LlmCallRecord record) {
      this(answer, record, null, false);
    }

    static Result refused(String reason) {
      return new Result(Optional.empty(), null, reason, false);
    }

    static Result reused(LedgerEntry entry) {
      LlmCallRecord paid = entry.record();
      return new Result(
          Optional.of(new ChatAnswer(entry.answer(), paid.usage(), "ledger")), paid, null, true);
    }

    /** The call made, if one was. */
    public List<LlmCallRecord> calls() {
      return record == null ? List.of() : List.of(record);
    }

    /** Why there is no answer: "ERROR_CODE: message". */
    public String failure() {
      return refusal != null ? refusal : record.errorCode() + ": " + record.errorMessage();
    }
  }

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
    CallLedger.Claim claim;
    try {
      claim = ledger.claim(LedgerEntry.key(job.tenant(), idempotencyKey(tier, prompt, request)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the same call", e);
    }
    try (claim) {
      if (claim.paid().isPresent()) {
        return Result.reused(claim.paid().get());
      }
      Result result = pay(tier, client, prompt, request, job, docId, chunkId);
      if (result.answer().isPresent()) {
        claim.record(new LedgerEntry(result.record(), result.answer().get().text()));
      }
      return result;
    }
  }

  /** Makes the call, with its retries, within the budget. */
  private Result pay(
      TierSettings tier,
      LlmClient client,
      Prompt prompt,
      ChatRequest request,
      JobContext job,
      String docId,
      String chunkId) {
    Instant started = clock.instant();
    // Priced before the call: a call that could not be costed is never made.
    ModelPrice price = prices.require(tier.modelKey(), tier.name(), day(started));
    BigDecimal worstCase = price.cost(worstCase(request), false);
    if (!budget.reserve(worstCase)) {
      return Result.refused(
          ErrorCode.BUDGET_REACHED
              + ": the job's budget is spent ($"
              + budget.spent().setScale(6, java.math.RoundingMode.HALF_EVEN).toPlainString()
              + " of $"
              + budget.limit().setScale(6, java.math.RoundingMode.HALF_EVEN).toPlainString()
              + " for this worker); raise --budget and run again");
    }
    long startNanos = System.nanoTime();
    // Everything but the outcome is known before the call.
    Function<Outcome, LlmCallRecord> record =
        outcome ->
            record(
                tier,
                prompt,
                request,
                job,
                docId,
                chunkId,
                outcome.usage(),
                (System.nanoTime() - startNanos) / 1_000_000,
                outcome.cost(),
                outcome.error(),
                outcome.attempts(),
                started);
    BigDecimal cost = Money.ZERO;
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          ChatAnswer answer = client.chat(request);
          cost = price.cost(answer.usage(), false);
          return new Result(
              Optional.of(answer), record.apply(new Outcome(answer.usage(), cost, null, attempt)));
        } catch (LlmCallException e) {
          Optional<java.time.Duration> wait = retrier.delayAfter(attempt, e);
          if (wait.isEmpty()) {
            return failed(record, e, attempt);
          }
          try {
            retrier.sleep(wait.get());
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return failed(record, e, attempt);
          }
        }
      }
    } finally {
      budget.settle(worstCase, cost);
    }
  }

  private static Result failed(
      Function<Outcome, LlmCallRecord> record, LlmCallException failure, int attempts) {
    return new Result(
        Optional.empty(),
        record.apply(new Outcome(TokenUsage.NONE, Money.ZERO, failure, attempts)));
  }

  /** The ledger record of a logical call; a null {@code error} means its last attempt succeeded. */
  static LlmCallRecord record(
      TierSettings tier,
      Prompt prompt,
      ChatRequest request,
      JobContext job,
      String docId,
      String chunkId,
      TokenUsage usage,
      long latencyMs,
      BigDecimal cost,
      LlmCallException error,
      int attempts,
      Instant started) {
    return new LlmCallRecord(
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
        usage,
        latencyMs,
        cost,
        error == null,
        error == null ? null : error.code(),
        error == null ? null : error.getMessage(),
        attempts,
        started,
        null);
  }

  /** How a call ended: what it used and cost, or the error it ended with, after how many tries. */
  private record Outcome(TokenUsage usage, BigDecimal cost, LlmCallException error, int attempts) {}

  /**
   * The most a request can use: every UTF-8 byte of its messages a token (no token is shorter than
   * a byte), a few tokens a message for the chat template, and the whole output budget.
   */
  static TokenUsage worstCase(ChatRequest request) {
    long input =
        request.system().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            + request.user().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            + 16;
    return new TokenUsage(input, request.maxOutputTokens(), 0);
  }

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
