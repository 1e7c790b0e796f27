package io.precis.summarize;

import static io.precis.summarize.TestSettings.JOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.precis.core.config.Provider;
import io.precis.core.config.TierSettings;
import io.precis.core.cost.ModelPrice;
import io.precis.core.cost.PriceTable;
import io.precis.core.cost.TokenUsage;
import io.precis.core.model.ErrorCode;
import io.precis.core.model.JobContext;
import io.precis.core.model.LlmCallRecord;
import io.precis.summarize.client.ChatAnswer;
import io.precis.summarize.client.LlmCallException;
import io.precis.summarize.ledger.CallLedger;
import io.precis.summarize.ledger.LedgerCodec;
import io.precis.summarize.ledger.LedgerEntry;
import io.precis.summarize.ledger.MemoryLedgerStore;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The call ledger as the caller consults it: a paid call is never paid again. */
class CallLedgerTest {
  private static final String SYSTEM = "You summarize passages. Answer in at most 60 words.";
  private static final TokenUsage USAGE = new TokenUsage(1_000, 200, 0);
  private static final PriceTable PRICES =
      new PriceTable(
          Map.of(
              "openai/fake-model",
              List.of(
                  new ModelPrice(
                      LocalDate.parse("2025-01-01"),
                      new BigDecimal("1.00"),
                      new BigDecimal("0.50"),
                      new BigDecimal("2.00"),
                      new BigDecimal("0.5")))));
  private static final TierSettings TIER =
      new TierSettings(
          "premium",
          Provider.OPENAI,
          URI.create("http://127.0.0.1:9/v1"),
          "fake-model",
          "",
          Duration.ofSeconds(30),
          256,
          0.0,
          0);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC);

  private static LlmCaller caller(FakeLlmClient client, CallLedger ledger) {
    return new LlmCaller(
        Map.of("premium", client),
        Map.of("premium", TIER),
        PRICES,
        CLOCK,
        CallBudget.unlimited(),
        Retrier.none(),
        ledger);
  }

  private static LlmCaller.Result call(
      LlmCaller caller, String text, JobContext job, String chunk) {
    return caller.call(
        "premium",
        Prompt.CHUNK_SUMMARY,
        SYSTEM,
        "Summarize this passage of \"a.txt\".\n\n" + text,
        job,
        "doc-1",
        chunk);
  }

  @Test
  void aRetriedTaskGetsThePaidAnswerAndTheRecordOfTheCallThatPaidForIt() {
    FakeLlmClient client = FakeLlmClient.answering("The pier reopened.", USAGE);
    CallLedger ledger = new CallLedger(new MemoryLedgerStore().open());

    LlmCaller.Result first = call(caller(client, ledger), "The pier reopened.", JOB, "c1");
    LlmCaller.Result retry = call(caller(client, ledger), "The pier reopened.", JOB, "c1");

    assertThat(client.requests()).hasSize(1);
    assertThat(first.reused()).isFalse();
    assertThat(retry.reused()).isTrue();
    assertThat(retry.answer().orElseThrow().text()).isEqualTo("The pier reopened.");
    assertThat(retry.record()).isEqualTo(first.record());
    assertThat(retry.record().costUsd()).isPositive();
    // Another text is another call.
    call(caller(client, ledger), "The pier closed.", JOB, "c2");
    assertThat(client.requests()).hasSize(2);
  }

  @Test
  void aNewProcessReadsWhatAKilledOneWroteAndSkipsTheLineItWasWriting() {
    MemoryLedgerStore folder = new MemoryLedgerStore();
    FakeLlmClient client = FakeLlmClient.answering("The pier reopened.", USAGE);
    LlmCallRecord paid =
        call(caller(client, new CallLedger(folder.open())), "The pier reopened.", JOB, "c1")
            .record();
    String whole = LedgerCodec.encode(new LedgerEntry(paid, "The pier reopened."));
    folder.appendRaw(whole.substring(0, whole.length() / 2)); // killed mid-line

    CallLedger rerun = new CallLedger(folder.open());
    rerun.refresh();
    JobContext rerunJob = new JobContext("job-2", "handbooks", "acme", "alice");
    LlmCaller.Result again = call(caller(client, rerun), "The pier reopened.", rerunJob, "c1");

    assertThat(rerun.size()).isEqualTo(1);
    assertThat(client.requests()).hasSize(1);
    assertThat(again.record().job().jobId()).isEqualTo("job-1");
    assertThat(again.record().startedAt()).isEqualTo(paid.startedAt());
  }

  @Test
  void anEntryReadsBackAsWritten() {
    FakeLlmClient client = FakeLlmClient.answering("Ein Satz mit \"Zitat\"\nund Zeile.", USAGE);
    LlmCallRecord record = call(caller(client, CallLedger.none()), "x", JOB, null).record();
    LedgerEntry entry = new LedgerEntry(record, "Ein Satz mit \"Zitat\"\nund Zeile.");

    String line = LedgerCodec.encode(entry);

    assertThat(line).doesNotContain("\n");
    assertThat(LedgerCodec.decode(line)).contains(entry);
    assertThat(LedgerCodec.decode("{\"v\":1,\"call_id\":\"x\"}")).isEmpty();
    assertThat(LedgerCodec.decode("not json")).isEmpty();
  }

  @Test
  void callsInFlightForTheSameKeyArePaidOnce() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    FakeLlmClient client =
        new FakeLlmClient(
            request -> {
              started.countDown();
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return new ChatAnswer("The pier reopened.", USAGE, "stop");
            });
    CallLedger ledger = new CallLedger(new MemoryLedgerStore().open());
    LlmCaller caller = caller(client, ledger);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<LlmCaller.Result>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> call(caller, "The pier reopened.", JOB, "c1")));
      }
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(200); // let the others reach the claim
      release.countDown();
      int reused = 0;
      for (Future<LlmCaller.Result> result : results) {
        LlmCaller.Result r = result.get(10, TimeUnit.SECONDS);
        assertThat(r.answer()).isPresent();
        reused += r.reused() ? 1 : 0;
      }
      assertThat(client.requests()).hasSize(1);
      assertThat(reused).isEqualTo(7);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedCallIsNotKeptSoTheNextAskMakesItAgain() {
    AtomicInteger calls = new AtomicInteger();
    FakeLlmClient client =
        new FakeLlmClient(
            request -> {
              if (calls.incrementAndGet() == 1) {
                throw new LlmCallException(ErrorCode.PROVIDER_ERROR, "HTTP 500");
              }
              return new ChatAnswer("The pier reopened.", USAGE, "stop");
            });
    MemoryLedgerStore folder = new MemoryLedgerStore();
    CallLedger ledger = new CallLedger(folder.open());

    LlmCaller.Result failed = call(caller(client, ledger), "The pier reopened.", JOB, "c1");
    LlmCaller.Result answered = call(caller(client, ledger), "The pier reopened.", JOB, "c1");

    assertThat(failed.answer()).isEmpty();
    assertThat(answered.answer()).isPresent();
    assertThat(answered.reused()).isFalse();
    assertThat(folder.size()).isEqualTo(1);
    assertThat(client.requests()).hasSize(2);
  }

  @Test
  void withoutALedgerEveryCallIsMade() {
    FakeLlmClient client = FakeLlmClient.answering("The pier reopened.", USAGE);

    call(caller(client, CallLedger.none()), "The pier reopened.", JOB, "c1");
    call(caller(client, CallLedger.none()), "The pier reopened.", JOB, "c1");

    assertThat(client.requests()).hasSize(2);
  }
}
