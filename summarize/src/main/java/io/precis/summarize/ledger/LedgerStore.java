package io.precis.summarize.ledger;

import java.io.IOException;
import java.util.List;

/**
 * Where a {@link CallLedger} keeps its entries durably. Implementations are thread-safe.
 *
 * <p>The Spark job's store writes JSON lines to files on a Hadoop file system; tests use one in
 * memory.
 */
public interface LedgerStore extends AutoCloseable {
  /**
   * The entries written since the last call, by this store or any other writer of the same ledger
   * (the first call reads every entry still within the retention). An entry cut short by a writer
   * that was killed mid-line is skipped.
   */
  List<LedgerEntry> readNew() throws IOException;

  /** Writes the entry so that it survives this process being killed, before returning. */
  void append(LedgerEntry entry) throws IOException;

  @Override
  void close() throws IOException;
}
