package io.precis.core.config;

import io.precis.core.errors.Errors;
import java.io.Serializable;

/**
 * The resolution checks on a cheaper tier's answer ({@code checks}): an answer that fails one is
 * not taken, and its chunk escalates to the next tier of the cascade. The checks run cheapest
 * first: empty, refusal, length, self-reported confidence, invented numbers, invented names, then
 * faithfulness by embedding similarity.
 *
 * @param enabled whether cheaper tiers' answers are checked at all
 * @param minWords an answer of fewer words fails as too short, when the source is long
 * @param longSourceWords a source of at least this many words is long; 0 means every source
 * @param maxWordsFactor an answer of more than the summary's word limit times this fails as too
 *     long
 * @param numbers whether every number and date of the answer must be in the source
 * @param entities whether every name of the answer must be in the source
 * @param faithfulnessThreshold least cosine between the embeddings of answer and source; 0 turns
 *     the check off. Calibrated for the minilm embedder
 * @param selfConfidence whether the prompt asks the model to end with a line {@code Confidence: X}
 *     (0 to 1), which is then read and removed from the summary
 * @param minConfidence an answer that reports less confidence than this fails
 * @param confidenceRequired whether an answer without a confidence line fails
 */
public record CheckSettings(
    boolean enabled,
    int minWords,
    int longSourceWords,
    double maxWordsFactor,
    boolean numbers,
    boolean entities,
    double faithfulnessThreshold,
    boolean selfConfidence,
    double minConfidence,
    boolean confidenceRequired)
    implements Serializable {

  public CheckSettings {
    if (minWords < 0 || longSourceWords < 0) {
      throw new IllegalArgumentException("minWords and longSourceWords must be >= 0");
    }
    if (!(maxWordsFactor >= 1)) {
      throw new IllegalArgumentException("maxWordsFactor must be >= 1");
    }
    if (!(faithfulnessThreshold >= 0 && faithfulnessThreshold <= 1)
        || !(minConfidence >= 0 && minConfidence <= 1)) {
      throw new IllegalArgumentException(
          "faithfulnessThreshold and minConfidence must be between 0 and 1");
    }
  }

  static CheckSettings from(ConfigReader reader) {
    boolean selfConfidence = reader.bool("self-confidence");
    double minConfidence = reader.share("min-confidence", "0.6");
    boolean confidenceRequired = reader.bool("confidence-required");
    if (!selfConfidence && minConfidence > 0) {
      throw Errors.invalidConfigValue(
          reader.key("min-confidence"),
          minConfidence,
          "0 while checks.self-confidence is false, since no prompt asks the model for a"
              + " confidence (set checks.self-confidence = true to use it)",
          "0");
    }
    if (!selfConfidence && confidenceRequired) {
      throw Errors.invalidConfigValue(
          reader.key("confidence-required"),
          true,
          "false while checks.self-confidence is false, since no prompt asks the model for a"
              + " confidence (set checks.self-confidence = true to use it)",
          "false");
    }
    return new CheckSettings(
        reader.bool("enabled"),
        reader.intAtLeast("min-words", 0, "8"),
        reader.intAtLeast("long-source-words", 0, "100"),
        reader.doubleBetween("max-words-factor", 1, 100, "1.5"),
        reader.bool("numbers"),
        reader.bool("entities"),
        reader.doubleBetween("faithfulness-threshold", 0, 1, "0.3"),
        selfConfidence,
        minConfidence,
        confidenceRequired);
  }
}
