package io.precis.chunking.clean;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineStructureTest {
  private static LineStructure of(String line) {
    String text = "before\n" + line + "\nafter";
    return LineStructure.of(text, 7, 7 + line.length());
  }

  @Test
  void tableRowsOpenWithAPipeAndHoldAnother() {
    assertThat(of("| Q1 | 100 |")).isEqualTo(LineStructure.TABLE_ROW);
    assertThat(of("  |a|b")).isEqualTo(LineStructure.TABLE_ROW);
    assertThat(of("|")).isEqualTo(LineStructure.TEXT);
    assertThat(of("| lone"))
        .as("the next line's pipe does not count")
        .isEqualTo(LineStructure.TEXT);
  }

  @Test
  void listItemsHaveAMarkerAndASpace() {
    assertThat(of("- item")).isEqualTo(LineStructure.LIST_ITEM);
    assertThat(of("* item")).isEqualTo(LineStructure.LIST_ITEM);
    assertThat(of("+ item")).isEqualTo(LineStructure.LIST_ITEM);
    assertThat(of("• item")).isEqualTo(LineStructure.LIST_ITEM);
    assertThat(of("\t- nested")).isEqualTo(LineStructure.LIST_ITEM);
    assertThat(of("1. step")).isEqualTo(LineStructure.LIST_ITEM);
    assertThat(of("12) step")).isEqualTo(LineStructure.LIST_ITEM);
    assertThat(of("-- not a list")).isEqualTo(LineStructure.TEXT);
    assertThat(of("-1 degrees")).isEqualTo(LineStructure.TEXT);
    assertThat(of("1.5 kg")).isEqualTo(LineStructure.TEXT);
    assertThat(of("2023. A year"))
        .as("any short number may number a list")
        .isEqualTo(LineStructure.LIST_ITEM);
    assertThat(of("1234567890. too long for an ordinal")).isEqualTo(LineStructure.TEXT);
    assertThat(of("-")).isEqualTo(LineStructure.TEXT);
  }

  @Test
  void headingsOpenWithAHash() {
    assertThat(of("# Title")).isEqualTo(LineStructure.HEADING);
    assertThat(of("### Deep")).isEqualTo(LineStructure.HEADING);
  }

  @Test
  void anythingElseIsText() {
    assertThat(of("Page 3 of 12")).isEqualTo(LineStructure.TEXT);
    assertThat(of("")).isEqualTo(LineStructure.TEXT);
    assertThat(of(" \u200B ")).isEqualTo(LineStructure.TEXT);
  }
}
