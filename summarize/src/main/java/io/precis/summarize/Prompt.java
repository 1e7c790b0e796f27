package io.precis.summarize;

import io.precis.core.config.CheckSettings;
import io.precis.core.model.CallStage;
import io.precis.summarize.check.ResolutionChecks;
import java.util.Locale;
import java.util.Objects;

/**
 * A versioned prompt. The version is part of every call's idempotency key and of the cache scope,
 * so changing a prompt's wording means giving it a new version.
 */
public enum Prompt {
  CHUNK_SUMMARY(
      CallStage.CHUNK_SUMMARY,
      "chunk-summary/v1",
      Texts.CHUNK_SUMMARY_SYSTEM,
      "Summarize this passage of \"%s\".\n\n%s"),
  /**
   * {@link #CHUNK_SUMMARY} asking the model to end with its confidence (checks.self-confidence).
   */
  CHUNK_SUMMARY_WITH_CONFIDENCE(
      CallStage.CHUNK_SUMMARY,
      "chunk-summary/v1+confidence",
      Texts.CHUNK_SUMMARY_SYSTEM + " " + ResolutionChecks.CONFIDENCE_INSTRUCTION.replace("%", "%%"),
      "Summarize this passage of \"%s\".\n\n%s"),
  DOCUMENT_REDUCE(
      CallStage.DOC_REDUCE,
      "doc-reduce/v1",
      "You combine summaries of consecutive parts of one document into a single summary of the"
          + " whole document. Answer with the summary only, as plain prose of at most %d words."
          + " Keep the figures, dates and names that matter; never add facts.",
      "Combine these summaries of the parts of \"%s\", in order, into one summary.\n\n%s");

  /** Texts two prompts share (an enum constant cannot refer to a static field of its enum). */
  private static final class Texts {
    static final String CHUNK_SUMMARY_SYSTEM =
        "You summarize passages of longer documents for a reader who will not see the passage."
            + " Answer with the summary only, as plain prose of at most %d words. Keep every figure,"
            + " date, name and obligation that matters; never add facts that are not in the"
            + " passage.";
  }

  /** The chunk prompt the checks call for: with the confidence line when they read it. */
  public static Prompt forChunks(CheckSettings checks) {
    return checks.enabled() && checks.selfConfidence()
        ? CHUNK_SUMMARY_WITH_CONFIDENCE
        : CHUNK_SUMMARY;
  }

  private final CallStage stage;
  private final String version;
  private final String system;
  private final String user;

  Prompt(CallStage stage, String version, String system, String user) {
    this.stage = stage;
    this.version = version;
    this.system = system;
    this.user = user;
  }

  public CallStage stage() {
    return stage;
  }

  public String version() {
    return version;
  }

  /** The system instruction for a summary of at most {@code words} words. */
  public String system(int words) {
    return String.format(Locale.ROOT, system, words);
  }

  /**
   * The user message. The text to work on always follows the first blank line, after the
   * instruction.
   */
  public String user(String documentName, String text) {
    Objects.requireNonNull(text, "text is null");
    return String.format(Locale.ROOT, user, documentName.replace('"', '\''), text);
  }
}
