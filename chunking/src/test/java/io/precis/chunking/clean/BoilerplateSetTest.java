package io.precis.chunking.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.config.CleaningSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoilerplateSetTest {
  private static final CleaningSettings DEFAULTS = new CleaningSettings(true, 0.3, 5, 3, 200);

  @Test
  void minimumIsTheShareOfDocumentsRoundedUpWhenItExceedsMinDocuments() {
    assertThat(BoilerplateSet.minimumDocuments(20, DEFAULTS)).isEqualTo(6); // 0.3 × 20
    assertThat(BoilerplateSet.minimumDocuments(21, DEFAULTS)).isEqualTo(7); // 6.3 -> 7
    assertThat(BoilerplateSet.minimumDocuments(1000, DEFAULTS)).isEqualTo(300);
  }

  @Test
  void minimumIsMinDocumentsForSmallCorpora() {
    assertThat(BoilerplateSet.minimumDocuments(0, DEFAULTS)).isEqualTo(5);
    assertThat(BoilerplateSet.minimumDocuments(3, DEFAULTS)).isEqualTo(5);
    assertThat(BoilerplateSet.minimumDocuments(12, DEFAULTS)).isEqualTo(5); // 3.6 -> 4 < 5
    assertThat(BoilerplateSet.minimumDocuments(16, DEFAULTS)).isEqualTo(5); // 4.8 -> 5
    assertThat(BoilerplateSet.minimumDocuments(17, DEFAULTS)).isEqualTo(6); // 5.1 -> 6
  }

  @Test
  void minimumIgnoresFloatingPointNoiseInTheShare() {
    CleaningSettings sevenPercent = new CleaningSettings(true, 0.07, 2, 3, 200);

    assertThat(0.07 * 100).isGreaterThan(7.0); // 7.000000000000001
    assertThat(BoilerplateSet.minimumDocuments(100, sevenPercent)).isEqualTo(7);
    assertThat(BoilerplateSet.minimumDocuments(101, sevenPercent)).isEqualTo(8); // 7.07 -> 8
  }

  @Test
  void fingerprintsAtTheShareBoundaryAreBoilerplateAndBelowItAreNot() {
    BoilerplateSet set = BoilerplateSet.from(Map.of(1L, 6L, 2L, 5L, 3L, 20L), 20, DEFAULTS);

    assertThat(set.contains(1)).isTrue();
    assertThat(set.contains(2)).isFalse();
    assertThat(set.contains(3)).isTrue();
    assertThat(set.contains(4)).isFalse();
    assertThat(set.size()).isEqualTo(2);
  }

  @Test
  void fingerprintsAtTheMinDocumentsBoundaryAreBoilerplateAndBelowItAreNot() {
    BoilerplateSet set = BoilerplateSet.from(Map.of(1L, 5L, 2L, 4L), 10, DEFAULTS);

    assertThat(set.contains(1)).isTrue();
    assertThat(set.contains(2)).as("4 of 10 is over the share but under min-documents").isFalse();
  }

  @Test
  void aCorpusSmallerThanMinDocumentsHasNoBoilerplate() {
    BoilerplateSet set = BoilerplateSet.from(Map.of(1L, 3L, 2L, 3L), 3, DEFAULTS);

    assertThat(set.size()).isZero();
    assertThat(set).isEqualTo(BoilerplateSet.empty());
  }

  @Test
  void overTheCapTheMostFrequentAreKeptAndTiesGoToTheSmallerFingerprint() {
    Map<Long, Long> counts = Map.of(10L, 100L, 20L, 80L, -30L, 80L, 40L, 90L, 50L, 7L);

    BoilerplateSet set = BoilerplateSet.from(counts, 100, DEFAULTS, 3);

    assertThat(set).isEqualTo(BoilerplateSet.of(10L, 40L, -30L));
    assertThat(BoilerplateSet.from(counts, 100, DEFAULTS, 0).size()).isZero();
  }

  @Test
  void disabledCleaningHasNoBoilerplate() {
    CleaningSettings disabled = new CleaningSettings(false, 0.3, 5, 3, 200);

    assertThat(BoilerplateSet.from(Map.of(1L, 100L), 100, disabled).size()).isZero();
  }

  @Test
  void ofKeepsEachFingerprintOnce() {
    BoilerplateSet set = BoilerplateSet.of(5L, -1L, 5L, Long.MIN_VALUE, Long.MAX_VALUE);

    assertThat(set.size()).isEqualTo(4);
    assertThat(set.contains(Long.MIN_VALUE)).isTrue();
    assertThat(set.contains(Long.MAX_VALUE)).isTrue();
    assertThat(set.contains(-1L)).isTrue();
    assertThat(set.contains(0L)).isFalse();
    assertThat(BoilerplateSet.empty().contains(0L)).isFalse();
  }

  @Test
  void survivesJavaSerializationAsSparkBroadcastsIt() throws Exception {
    BoilerplateSet set = BoilerplateSet.of(LineFingerprints.of("Navigation"), 42L);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(set);
    }

    Object copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = in.readObject();
    }

    assertThat(copy).isEqualTo(set);
    assertThat(((BoilerplateSet) copy).contains(LineFingerprints.of("navigation"))).isTrue();
  }

  @Test
  void negativeArgumentsAreRejectedWithWhatIsWrong() {
    assertThatThrownBy(() -> BoilerplateSet.minimumDocuments(-1, DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("documents is -1 but must be >= 0");
    assertThatThrownBy(() -> BoilerplateSet.from(Map.of(), 10, DEFAULTS, -2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxEntries is -2 but must be >= 0");
  }
}
