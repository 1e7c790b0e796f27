package io.precis.core.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The durable call ledger ({@code llm.ledger}): every paid answer is written down before it is
 * used, keyed by its idempotency key, so that a retried Spark task, a speculative task or a rerun
 * after a crash reuses the answer instead of paying for it again.
 *
 * @param enabled whether calls are looked up in and written to the ledger
 * @param path where the ledger's files live; empty means {@code <warehouse>/_call_ledger}
 * @param retention how long a paid answer is reused; older ledger files are deleted
 */
public record LedgerSettings(boolean enabled, String path, Duration retention)
    implements Serializable {
  public LedgerSettings {
    Objects.requireNonNull(path, "path is null");
    Objects.requireNonNull(retention, "retention is null");
  }

  /** No ledger: every call is paid. */
  public static LedgerSettings disabled() {
    return new LedgerSettings(false, "", Duration.ofDays(1));
  }

  static LedgerSettings from(ConfigReader reader) {
    return new LedgerSettings(
        reader.bool("enabled"), reader.string("path"), reader.positiveDuration("retention", "7d"));
  }
}
