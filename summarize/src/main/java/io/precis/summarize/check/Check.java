package io.precis.summarize.check;

/**
 * A resolution check on a cheaper tier's answer, in the order {@link ResolutionChecks} runs them:
 * cheapest first, the embedding last. The first that fails is the chunk's reason to escalate.
 */
public enum Check {
  /** Nothing but white space (or only the confidence line). */
  EMPTY,
  /** The model declined ("I'm sorry, but I can't help..."), and the source says no such thing. */
  REFUSAL,
  /** Fewer words than {@code checks.min-words}, for a source of {@code long-source-words}. */
  TOO_SHORT,
  /** More words than the summary's word limit times {@code checks.max-words-factor}. */
  TOO_LONG,
  /** A self-reported confidence below {@code checks.min-confidence}, or none when required. */
  LOW_CONFIDENCE,
  /** A number or date of the answer that the source does not hold in any usual form. */
  INVENTED_NUMBER,
  /** A name of the answer (organisation, person, product, code) that the source does not hold. */
  INVENTED_ENTITY,
  /** The answer's embedding is further from the source's than {@code faithfulness-threshold}. */
  UNFAITHFUL
}
