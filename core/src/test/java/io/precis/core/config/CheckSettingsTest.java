package io.precis.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.errors.PrecisException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckSettingsTest {
  private static CheckSettings checks(String... overrides) {
    return PrecisSettings.from(ConfigLoader.load(Optional.empty(), List.of(overrides))).checks();
  }

  private static String messageFor(String override) {
    try {
      checks(override);
    } catch (PrecisException e) {
      return e.getMessage();
    }
    throw new AssertionError(override + " was accepted");
  }

  @Test
  void defaultsCheckEverythingButSelfReportedConfidence() {
    CheckSettings defaults = checks();

    assertThat(defaults.enabled()).isTrue();
    assertThat(defaults.minWords()).isEqualTo(8);
    assertThat(defaults.longSourceWords()).isEqualTo(100);
    assertThat(defaults.maxWordsFactor()).isEqualTo(1.5);
    assertThat(defaults.numbers()).isTrue();
    assertThat(defaults.entities()).isTrue();
    assertThat(defaults.faithfulnessThreshold()).isBetween(0.05, 0.95);
    assertThat(defaults.selfConfidence()).isFalse();
    assertThat(defaults.minConfidence()).isZero();
    assertThat(defaults.confidenceRequired()).isFalse();
  }

  @Test
  void everyKeyIsRead() {
    CheckSettings set =
        checks(
            "checks.enabled=false",
            "checks.min-words=3",
            "checks.long-source-words=0",
            "checks.max-words-factor=2",
            "checks.numbers=false",
            "checks.entities=false",
            "checks.faithfulness-threshold=0",
            "checks.self-confidence=true",
            "checks.min-confidence=0.7",
            "checks.confidence-required=true");

    assertThat(set).isEqualTo(new CheckSettings(false, 3, 0, 2, false, false, 0, true, 0.7, true));
  }

  @Test
  void invalidValuesNameTheKeyAndTheFix() {
    assertThat(messageFor("checks.max-words-factor=0.5"))
        .isEqualTo(
            "Config key 'checks.max-words-factor' is set to 0.5 but must be between 1.0 and 100.0."
                + " Set it to e.g. 1.5.");
    assertThat(messageFor("checks.faithfulness-threshold=1.2"))
        .startsWith(
            "Config key 'checks.faithfulness-threshold' is set to 1.2 but must be between 0.0 and"
                + " 1.0.");
    assertThat(messageFor("checks.min-words=-1"))
        .isEqualTo(
            "Config key 'checks.min-words' is set to -1 but must be >= 0. Set it to e.g. 8.");
    assertThat(messageFor("checks.numbers=sometimes"))
        .startsWith("Config key 'checks.numbers' is set to 'sometimes' but must be true or false.");
    assertThat(messageFor("checks.min-confidence=0.6"))
        .isEqualTo(
            "Config key 'checks.min-confidence' is set to 0.6 but must be 0 while"
                + " checks.self-confidence is false, since no prompt asks the model for a"
                + " confidence (set checks.self-confidence = true to use it). Set it to e.g. 0.");
    assertThat(messageFor("checks.confidence-required=true"))
        .startsWith(
            "Config key 'checks.confidence-required' is set to true but must be false while"
                + " checks.self-confidence is false");
    assertThatThrownBy(() -> checks("checks.min-word=3"))
        .hasMessageContaining("Did you mean 'checks.min-words'?");
  }
}
