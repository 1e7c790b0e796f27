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

  /**
   * What the entry is found by: the call's idempotency key within its tenant. An answer is reused
   * only for the tenant that paid for it, as the cache serves entries only inside their scope.
   */
  public String key() {
    return key(record.job().tenant(), record.callId());
  }

  /** The ledger key of a call with the idempotency key {@code callId} made for {@code tenant}. */
  public static String key(String tenant, String callId) {
    return tenant + "/" + callId;
  }
}
