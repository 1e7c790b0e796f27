package io.precis.summarize;

import io.precis.core.config.ConfigLoader;
import io.precis.core.config.PrecisSettings;
import io.precis.core.model.JobContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Settings and fixtures shared by the summarizer tests. */
final class TestSettings {
  /** A day on which both default tiers are priced (gpt-4o at its 2024-10-02 price). */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-01T12:00:00Z"), ZoneOffset.UTC);

  static final JobContext JOB = new JobContext("job-1", "handbooks", "acme", "alice");

  private TestSettings() {}

  /** The shipped defaults (cheap = ollama llama3.2:3b, premium = openai gpt-4o) plus overrides. */
  static PrecisSettings settings(String... overrides) {
    return PrecisSettings.from(ConfigLoader.load(Optional.empty(), List.of(overrides)));
  }
}
