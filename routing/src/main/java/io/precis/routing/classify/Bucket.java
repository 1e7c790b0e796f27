package io.precis.routing.classify;

import java.util.Locale;
import java.util.Optional;

/**
 * What kind of work summarizing a chunk is, which decides the tiers it may go to (see {@code
 * routing.buckets}): most chunks need no premium model, some always do.
 */
public enum Bucket {
  /** Boilerplate and short, plain prose: a cheap model summarizes it well. */
  SIMPLE,
  /** Tables, forms, lists, listings and records: the summary must carry fields over exactly. */
  EXTRACTION,
  /** Dense reasoning, financial calculations, legal and licence clauses. */
  COMPLEX,
  /** Far from every labelled example, or no clear winner: the classifier does not know. */
  NOVEL;

  /** The name in configuration, the tables and the examples file: {@code simple}... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The bucket of a label, case-insensitive; empty for anything else. */
  public static Optional<Bucket> of(String label) {
    for (Bucket bucket : values()) {
      if (bucket.label().equalsIgnoreCase(label.trim())) {
        return Optional.of(bucket);
      }
    }
    return Optional.empty();
  }
}
