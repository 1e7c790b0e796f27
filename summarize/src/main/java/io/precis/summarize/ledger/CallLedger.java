package io.precis.summarize.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable call ledger: consulted before every paid call, so that a call already paid for is
 * never paid again, whether it is asked again by a retried or speculative Spark task, by another
 * chunk with the same prompt, or by a rerun after the job was killed.
 *
 * <p>One ledger per JVM and ledger location serves every task of an executor: the answers this JVM
 * paid for are in memory; those paid elsewhere (another executor, an earlier process) are read from
 * the store by {@link #refresh()}, which each task calls when it starts. A call in flight is
 * claimed: another thread asking for the same key waits for its answer instead of paying too.
 *
 * <p>What it cannot prevent: two executors making the same call at the same moment (speculative
 * tasks on different machines; Spark's speculation is off by default), and a call whose answer
 * arrived but was not yet written when the process died.
 */
public final class CallLedger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CallLedger.class);

  private static final CallLedger NONE = new CallLedger(null, false);

  private final LedgerStore store;
  private final boolean enabled;
  private final ConcurrentHashMap<String, LedgerEntry> paid = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CompletableFuture<Optional<LedgerEntry>>> inFlight =
      new ConcurrentHashMap<>();

  /**
   * @param store where entries are kept, or null for a ledger that only shares calls in flight
   *     within this JVM and forgets them
   */
  public CallLedger(LedgerStore store) {
    this(store, true);
  }

  private CallLedger(LedgerStore store, boolean enabled) {
    this.store = store;
    this.enabled = enabled;
  }

  /** A ledger that keeps nothing: every call is made. */
  public static CallLedger none() {
    return NONE;
  }

  /** Reads the entries other writers added since the last refresh. */
  public void refresh() {
    if (store == null) {
      return;
    }
    try {
      for (LedgerEntry entry : store.readNew()) {
        paid.putIfAbsent(entry.key(), entry);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the call ledger: " + e.getMessage(), e);
    }
  }

  /** How many paid answers this ledger knows. */
  public int size() {
    return paid.size();
  }

  /**
   * Claims the call of the key: either its paid answer ({@link Claim#paid()}), or the right to make
   * it, which the caller must end with {@link Claim#record} or {@link Claim#release}. When another
   * thread holds the claim, waits for it: its answer is returned, or, if it failed, the claim is
   * tried again.
   *
   * @throws InterruptedException while waiting for another thread's call
   */
  public Claim claim(String key) throws InterruptedException {
    if (!enabled) {
      return new Claim(this, key, null, null);
    }
    while (true) {
      LedgerEntry done = paid.get(key);
      if (done != null) {
        return new Claim(this, key, null, done);
      }
      CompletableFuture<Optional<LedgerEntry>> mine = new CompletableFuture<>();
      CompletableFuture<Optional<LedgerEntry>> other = inFlight.putIfAbsent(key, mine);
      if (other == null) {
        done = paid.get(key); // recorded between the look-up and the claim
        if (done != null) {
          inFlight.remove(key, mine);
          mine.complete(Optional.of(done));
          return new Claim(this, key, null, done);
        }
        return new Claim(this, key, mine, null);
      }
      try {
        Optional<LedgerEntry> answered = other.get();
        if (answered.isPresent()) {
          return new Claim(this, key, null, answered.get());
        }
      } catch (ExecutionException e) {
        // the other call ended without an answer: claim again
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (store != null) {
      store.close();
    }
  }

  private void record(String key, LedgerEntry entry, CompletableFuture<Optional<LedgerEntry>> f) {
    if (store != null) {
      try {
        store.append(entry);
      } catch (IOException e) {
        // The call is paid: its answer is used, but a retry of this task may pay for it again.
        LOG.warn(
            "Could not write call {} to the call ledger ({}); a retry may pay for it again",
            key,
            e.getMessage());
      }
    }
    paid.putIfAbsent(key, entry);
    inFlight.remove(key, f);
    f.complete(Optional.of(entry));
  }

  private void release(String key, CompletableFuture<Optional<LedgerEntry>> f) {
    inFlight.remove(key, f);
    f.complete(Optional.empty());
  }

  /** The outcome of {@link #claim}: a paid answer, or the right to make the call. */
  public static final class Claim implements AutoCloseable {
    private final CallLedger ledger;
    private final String key;
    private final CompletableFuture<Optional<LedgerEntry>> future;
    private final LedgerEntry paid;
    private boolean ended;

    private Claim(
        CallLedger ledger,
        String key,
        CompletableFuture<Optional<LedgerEntry>> future,
        LedgerEntry paid) {
      this.ledger = ledger;
      this.key = key;
      this.future = future;
      this.paid = paid;
    }

    /** The answer already paid for, if there is one; then no call is to be made. */
    public Optional<LedgerEntry> paid() {
      return Optional.ofNullable(paid);
    }

    /** Writes the answer of the call made under this claim, durably, and hands it to waiters. */
    public void record(LedgerEntry entry) {
      if (!entry.key().equals(key)) {
        throw new IllegalArgumentException("entry " + entry.key() + " is not the claim's " + key);
      }
      if (!ended && future != null) {
        ended = true;
        ledger.record(key, entry, future);
      }
    }

    /** Gives the claim up without an answer: a waiting thread may make the call itself. */
    public void release() {
      if (!ended && future != null) {
        ended = true;
        ledger.release(key, future);
      }
    }

    /** Releases the claim unless an answer was recorded. */
    @Override
    public void close() {
      release();
    }
  }
}
