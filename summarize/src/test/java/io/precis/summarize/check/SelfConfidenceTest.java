package io.precis.summarize.check;

import static io.precis.summarize.check.Passages.FINANCIAL;
import static io.precis.summarize.check.Passages.WORDS;
import static io.precis.summarize.check.Passages.answer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelfConfidenceTest {
  private static final String SUMMARY = answer(FINANCIAL, null);

  private final ResolutionChecks asked =
      new ResolutionChecks(
          Passages.settings("checks.self-confidence=true", "checks.min-confidence=0.6"));

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'\nConfidence: 0.9'|0.9",
        "'\n\nconfidence: .75\n'|0.75",
        "'\n**Confidence:** 85%'|0.85",
        "'\nConfidence score = 0.8/1'|0.8",
        "'\nConfidence: 7/10'|0.7",
        "' Confidence: 0.65.'|0.65",
        "'\nConfidence: 90'|0.9"
      })
  void theConfidenceIsReadAndTakenOffTheSummary(String line, double expected) {
    CheckOutcome outcome = asked.check(FINANCIAL, SUMMARY + line, WORDS);

    assertThat(outcome.passed()).as(outcome.toString()).isTrue();
    assertThat(outcome.summary()).isEqualTo(SUMMARY);
    assertThat(outcome.confidence()).hasValue(expected);
  }

  @Test
  void aConfidenceBelowTheMinimumFails() {
    CheckOutcome outcome = asked.check(FINANCIAL, SUMMARY + "\nConfidence: 0.4", WORDS);

    assertThat(outcome.detail()).isEqualTo("LOW_CONFIDENCE: 0.40, below 0.60");
    assertThat(outcome.summary()).isEqualTo(SUMMARY);
    assertThat(outcome.confidence()).hasValue(0.4);
  }

  @Test
  void aMissingConfidenceFailsOnlyWhenRequired() {
    ResolutionChecks required =
        new ResolutionChecks(
            Passages.settings(
                "checks.self-confidence=true",
                "checks.min-confidence=0.6",
                "checks.confidence-required=true"));

    assertThat(asked.check(FINANCIAL, SUMMARY, WORDS).passed()).isTrue();
    assertThat(asked.check(FINANCIAL, SUMMARY, WORDS).confidence()).isEmpty();
    assertThat(required.check(FINANCIAL, SUMMARY, WORDS).detail())
        .isEqualTo("LOW_CONFIDENCE: no readable \"Confidence:\" line");
    assertThat(required.check(FINANCIAL, SUMMARY + "\nConfidence: 250", WORDS).failed())
        .as("out of range is unreadable")
        .hasValue(Check.LOW_CONFIDENCE);
    assertThat(required.check(FINANCIAL, SUMMARY + "\nConfidence: 250", WORDS).summary())
        .isEqualTo(SUMMARY);
  }

  @Test
  void theLineIsTakenOffEvenWhenTheChecksAreOff() {
    ResolutionChecks off =
        new ResolutionChecks(
            Passages.settings("checks.enabled=false", "checks.self-confidence=true"));

    CheckOutcome outcome = off.check(FINANCIAL, SUMMARY + "\nConfidence: 0.2", WORDS);

    assertThat(outcome.passed()).isTrue();
    assertThat(outcome.summary()).isEqualTo(SUMMARY);
    assertThat(outcome.confidence()).hasValue(0.2);
  }

  @Test
  void anAnswerOfOnlyAConfidenceIsEmpty() {
    assertThat(asked.check(FINANCIAL, "Confidence: 0.9", WORDS).failed()).hasValue(Check.EMPTY);
  }

  @Test
  void withoutSelfConfidenceTheLineIsPartOfTheSummary() {
    ResolutionChecks notAsked = new ResolutionChecks(Passages.settings());

    CheckOutcome outcome = notAsked.check(FINANCIAL, SUMMARY + "\nConfidence: 0.9", WORDS);

    assertThat(outcome.summary()).endsWith("Confidence: 0.9");
    assertThat(outcome.confidence()).isEmpty();
    assertThat(outcome.failed())
        .as("0.9 is no figure of the source")
        .hasValue(Check.INVENTED_NUMBER);
  }

  @Test
  void theInstructionAsksForTheLineTheChecksRead() {
    assertThat(ResolutionChecks.CONFIDENCE_INSTRUCTION).contains("\"Confidence: X\"", "0.0", "1.0");
  }
}
