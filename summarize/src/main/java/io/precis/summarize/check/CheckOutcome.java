package io.precis.summarize.check;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What {@link ResolutionChecks} found in one answer: passed, or the first check that failed with a
 * short detail fit for a table column ({@code "INVENTED_NUMBER: $4,812,309 not in the source"});
 * the summary to keep (the answer without its confidence line, stripped); and the faithfulness and
 * confidence when they were measured.
 */
public final class CheckOutcome implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Check failed;
  private final String detail;
  private final String summary;
  private final Double faithfulness;
  private final Double confidence;

  private CheckOutcome(
      Check failed, String detail, String summary, Double faithfulness, Double confidence) {
    this.failed = failed;
    this.detail = Objects.requireNonNull(detail, "detail is null");
    this.summary = Objects.requireNonNull(summary, "summary is null");
    this.faithfulness = faithfulness;
    this.confidence = confidence;
  }

  static CheckOutcome pass(String summary, Double faithfulness, Double confidence) {
    return new CheckOutcome(null, "", summary, faithfulness, confidence);
  }

  static CheckOutcome fail(
      Check check, String why, String summary, Double faithfulness, Double confidence) {
    Objects.requireNonNull(check, "check is null");
    return new CheckOutcome(check, check.name() + ": " + why, summary, faithfulness, confidence);
  }

  /** Whether every check passed: the answer counts. */
  public boolean passed() {
    return failed == null;
  }

  /** The first check that failed, or empty when the answer passed. */
  public Optional<Check> failed() {
    return Optional.ofNullable(failed);
  }

  /**
   * The failed check's name and why, at most about 120 characters ({@code "TOO_LONG: 164 words,
   * more than 90 (60 x 1.5)"}); empty when the answer passed.
   */
  public String detail() {
    return detail;
  }

  /** The answer as a summary: without the confidence line (when asked for one), stripped. */
  public String summary() {
    return summary;
  }

  /**
   * The cosine between the embeddings of answer and source, when the faithfulness check ran (it
   * runs only after every other check passed).
   */
  public OptionalDouble faithfulness() {
    return faithfulness == null ? OptionalDouble.empty() : OptionalDouble.of(faithfulness);
  }

  /** The confidence the model reported, when it was asked for one and gave a readable one. */
  public OptionalDouble confidence() {
    return confidence == null ? OptionalDouble.empty() : OptionalDouble.of(confidence);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CheckOutcome other
        && failed == other.failed
        && detail.equals(other.detail)
        && summary.equals(other.summary)
        && Objects.equals(faithfulness, other.faithfulness)
        && Objects.equals(confidence, other.confidence);
  }

  @Override
  public int hashCode() {
    return Objects.hash(failed, detail, summary, faithfulness, confidence);
  }

  @Override
  public String toString() {
    return (passed() ? "PASSED" : detail)
        + (faithfulness == null
            ? ""
            : String.format(java.util.Locale.ROOT, " (faithfulness %.3f)", faithfulness))
        + (confidence == null ? "" : " (confidence " + confidence + ")");
  }
}
