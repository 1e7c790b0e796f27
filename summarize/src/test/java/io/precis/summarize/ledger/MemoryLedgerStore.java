package io.precis.summarize.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * A ledger store in memory, shared by the ledgers a test opens on it as several processes would
 * share a folder: each ledger reads what the others appended since its last read.
 */
public final class MemoryLedgerStore {
  private final List<String> lines = new ArrayList<>();

  /** A store view with its own read position, as one process has. */
  public LedgerStore open() {
    return new LedgerStore() {
      private int read;

      @Override
      public List<LedgerEntry> readNew() {
        synchronized (lines) {
          List<LedgerEntry> fresh = new ArrayList<>();
          for (; read < lines.size(); read++) {
            LedgerCodec.decode(lines.get(read)).ifPresent(fresh::add);
          }
          return fresh;
        }
      }

      @Override
      public void append(LedgerEntry entry) {
        synchronized (lines) {
          lines.add(LedgerCodec.encode(entry));
        }
      }

      @Override
      public void close() {}
    };
  }

  /** Appends a line as it is, as a writer killed mid-line leaves it. */
  public void appendRaw(String line) {
    synchronized (lines) {
      lines.add(line);
    }
  }

  public int size() {
    synchronized (lines) {
      return lines.size();
    }
  }
}
