package io.precis.core.model;

/** How a chunk was resolved, cheapest first. */
public enum Resolution {
  /** The scoped semantic cache had an answer. */
  CACHE_HIT,
  /** Equal or near-equal to another chunk of the same job ({@code duplicate_of}). */
  DUPLICATE,
  /** Answered by the cheap tier. */
  CHEAP,
  /** Answered by the premium tier. */
  PREMIUM,
  /** No tier could answer (provider down, no premium tier, budget reached): retry later. */
  UNRESOLVED,
  /** The chunk itself could not be processed. */
  FAILED
}
