package io.precis.chunking.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.config.CleaningSettings;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineFingerprintsTest {
  private static final CleaningSettings SETTINGS = new CleaningSettings(true, 0.3, 5, 3, 200);

  @Test
  void fingerprintIsStableAcrossRunsAndMachines() {
    // A change here changes every boilerplate set a job computes: only on purpose.
    assertThat(LineFingerprints.of("Page 3 of 12")).isEqualTo(0xe0237c9fd6ebbc13L);
  }

  @Test
  void fingerprintIsFnv1a64OfTheNormalizedLineFinishedWithMurmurMixer() {
    assertThat(fnv1a64("a".getBytes(StandardCharsets.UTF_8))).isEqualTo(0xaf63dc4c8601ec8cL);

    long expected = fmix64(fnv1a64("page 3 of 12".getBytes(StandardCharsets.UTF_8)));
    assertThat(LineFingerprints.of("Page 3 of 12")).isEqualTo(expected);
    long nonAscii = fmix64(fnv1a64("école — café".getBytes(StandardCharsets.UTF_8)));
    assertThat(LineFingerprints.of("ÉCOLE — CAFÉ")).isEqualTo(nonAscii);
  }

  @Test
  void fingerprintIgnoresCaseAndWhitespaceButNotDigits() {
    long page = LineFingerprints.of("Page 3 of 12");

    assertThat(LineFingerprints.of("PAGE 3 OF 12")).isEqualTo(page);
    assertThat(LineFingerprints.of("  Page\t3   of 12  ")).isEqualTo(page);
    assertThat(LineFingerprints.of("Page\u00A03\u202Fof 12")).isEqualTo(page);
    assertThat(LineFingerprints.of("\uFEFFPage 3 of\u200B 12")).isEqualTo(page);
    // Across documents a number is what tells a templated document from the next.
    assertThat(LineFingerprints.of("page 4 of 12")).isNotEqualTo(page);
    assertThat(LineFingerprints.of("Invoice 1041 total 250.00"))
        .isNotEqualTo(LineFingerprints.of("Invoice 1042 total 250.00"));
  }

  @Test
  void fingerprintTellsDifferentWordsApart() {
    long page = LineFingerprints.of("Page 3 of 12");

    assertThat(LineFingerprints.of("Pages 3 of 12")).isNotEqualTo(page);
    assertThat(LineFingerprints.of("Page of 12")).isNotEqualTo(page);
    assertThat(LineFingerprints.of("Page 3of 12")).isNotEqualTo(page);
    assertThat(LineFingerprints.of("Previous topic"))
        .isNotEqualTo(LineFingerprints.of("Next topic"));
  }

  @Test
  void documentGivesDistinctSortedFingerprintsOfItsShortLines() {
    String text =
        "Navigation\r\n"
            + "  \r\n"
            + "Page 1 of 2\n"
            + "A body line.\n"
            + "Page 2 of 2\r"
            + "navigation\n"
            + "- Home\n"
            + "## Contents\n";

    long[] fingerprints = LineFingerprints.of(text, SETTINGS);

    assertThat(fingerprints)
        .containsExactlyInAnyOrder(
            LineFingerprints.of("Navigation"),
            LineFingerprints.of("Page 1 of 2"),
            LineFingerprints.of("Page 2 of 2"),
            LineFingerprints.of("A body line."),
            LineFingerprints.of("- Home"),
            LineFingerprints.of("## Contents"))
        .isSorted();
  }

  @Test
  void documentLeavesOutLongLinesAndTableRows() {
    String atLimit = "x".repeat(200);
    String overLimit = "y".repeat(201);
    String paddedAtLimit = "  " + "z".repeat(100) + "    " + "z".repeat(99) + "  ";
    String text = String.join("\n", atLimit, overLimit, paddedAtLimit, "| Q1 | 100 |", "|");

    long[] fingerprints = LineFingerprints.of(text, SETTINGS);

    assertThat(fingerprints)
        .containsExactlyInAnyOrder(
            LineFingerprints.of(atLimit),
            LineFingerprints.of(paddedAtLimit),
            LineFingerprints.of("|"));
  }

  @Test
  void documentGivesNothingWhenCleaningIsDisabled() {
    CleaningSettings disabled = new CleaningSettings(false, 0.3, 5, 3, 200);

    assertThat(LineFingerprints.of("Navigation\nPage 1 of 2", disabled)).isEmpty();
    assertThat(LineFingerprints.of("", SETTINGS)).isEmpty();
  }

  @Test
  void nullTextIsRejectedWithItsName() {
    assertThatThrownBy(() -> LineFingerprints.of(null, SETTINGS))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("text is null");
  }

  private static long fnv1a64(byte[] bytes) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : bytes) {
      hash ^= b & 0xFF;
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  private static long fmix64(long value) {
    long h = value;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
