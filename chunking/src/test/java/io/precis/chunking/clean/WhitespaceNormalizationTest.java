package io.precis.chunking.clean;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.core.config.CleaningSettings;
import org.junit.jupiter.api.Test;

class WhitespaceNormalizationTest {
  private static final TextCleaner CLEANER =
      new TextCleaner(new CleaningSettings(true, 0.3, 5, 3, 200));

  private static String clean(String text) {
    return CLEANER.clean(text, BoilerplateSet.empty()).text();
  }

  @Test
  void windowsAndOldMacLineEndingsBecomeNewlines() {
    assertThat(clean("one\r\ntwo\rthree\n\r\nfour")).isEqualTo("one\ntwo\nthree\n\nfour");
  }

  @Test
  void noBreakSpacesBecomeSpacesAndCollapse() {
    assertThat(clean("ten\u00A0\u00A0euros and\u202Fsix\u2007kilos"))
        .isEqualTo("ten euros and six kilos");
  }

  @Test
  void zeroWidthCharactersAreRemoved() {
    assertThat(clean("\uFEFFzero\u200Bwidth\u200C join\u200Ders\u2060"))
        .isEqualTo("zerowidth joiners");
  }

  @Test
  void controlCharactersAreRemovedButSpaceLikeOnesSeparateWords() {
    assertThat(clean("nul\u0000l bell\u0007 del\u007F\u000Bvertical\ftab"))
        .isEqualTo("null bell del vertical tab");
  }

  @Test
  void runsOfBlankLinesBecomeOneBlankLine() {
    assertThat(clean("first\n\n\n\n\n\nsecond")).isEqualTo("first\n\nsecond");
    assertThat(clean("first\n \t\n\u00A0\n\u200B\n\nsecond")).isEqualTo("first\n\nsecond");
  }

  @Test
  void spacesAreTrimmedAndInnerRunsCollapsed() {
    assertThat(clean("  \tindented   with\t\ttabs  \t")).isEqualTo("indented with tabs");
    assertThat(clean("trailing   \nspaces\t")).isEqualTo("trailing\nspaces");
  }

  @Test
  void blankLinesAtEitherEndAreDropped() {
    assertThat(clean("\n\n  \nbody\n\n\n")).isEqualTo("body");
    assertThat(clean("")).isEmpty();
    assertThat(clean(" \n\t\n")).isEmpty();
  }

  @Test
  void structureTheChunkerSplitsOnIsKept() {
    String text =
        "# Title\n\nIntro  paragraph.\n\n## Section\n- item  one\n- item two\n\n"
            + "|  Q1  |  100  |\n| Q2 | 200 |\n\n1. step\n2. step";

    assertThat(clean(text))
        .isEqualTo(
            "# Title\n\nIntro paragraph.\n\n## Section\n- item one\n- item two\n\n"
                + "| Q1 | 100 |\n| Q2 | 200 |\n\n1. step\n2. step");
  }

  @Test
  void charactersOutsideTheBasicPlaneSurvive() {
    assertThat(clean("math 𝔸  and  emoji 😀 ")).isEqualTo("math 𝔸 and emoji 😀");
  }
}
