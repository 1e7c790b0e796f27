package io.precis.summarize.ledger;

import io.precis.core.model.LlmCallRecord;
import java.io.Serializable;
import java.util.Objects;

/**
 * A paid call as the ledger keeps it: the record of the call (who paid, when, what it used and
 * cost) and the answer, so that the answer can be used again without paying.
 */
public record LedgerEntry(LlmCallRecord record, String answer) implements Serializable {
  public LedgerEntry {
    Objects.requireNonNull(record, "record is null");
    Objects.requireNonNull(answer, "answer is null");
    if (!record.ok()) {
      throw new IllegalArgumentException("only answered calls go to the ledger");
    }
  }

  /** The idempotency key the entry is found by. */
  public String key() {
    return record.callId();
  }
}
