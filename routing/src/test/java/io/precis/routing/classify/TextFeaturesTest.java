package io.precis.routing.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextFeaturesTest {
  private static final String PROSE =
      "The library reopened on Saturday after a long renovation. Visitors found brighter rooms and"
          + " a new corner for children, and the librarian said that the new layout makes it easier"
          + " to find a quiet place to read.";

  @Test
  void aCsvTableIsRowsOfOneShapeDenseWithNumbers() {
    String csv =
        "date,region,units,revenue\n2025-01-06,North,120,2400.00\n2025-01-06,South,95,1900.00";

    TextFeatures features = TextFeatures.of(csv);

    assertThat(features.value(Feature.TABLE_ROWS)).isEqualTo(1.0);
    assertThat(features.value(Feature.ROW_SHAPE)).isEqualTo(1.0);
    assertThat(features.value(Feature.SHORT_LINES)).isEqualTo(1.0);
    // 14 tokens, 8 of them numbers: StandardTokenizer splits the dates at the hyphens, and keeps
    // 120,2400.00 whole (a comma between digits).
    assertThat(features.counts().tokens()).isEqualTo(14);
    assertThat(features.value(Feature.NUMBERS)).isCloseTo(8 / 14.0, within(1e-9));
  }

  @Test
  void proseHasNoRowsEvenWithCommasAndTwoSpacesAfterAFullStop() {
    String wrapped =
        "Redistribution and use, in source and binary forms, with or without modification,\n"
            + "are permitted provided that the conditions are met.  The notice, the list of\n"
            + "conditions, and the disclaimer must be retained in all copies of the code.";

    TextFeatures features = TextFeatures.of(wrapped);

    assertThat(features.value(Feature.TABLE_ROWS)).isZero();
    assertThat(features.value(Feature.ROW_SHAPE)).isZero();
    assertThat(features.value(Feature.SHORT_LINES)).isZero();
    // Hard-wrapped lines run on: two sentences, not three lines' worth.
    assertThat(TextLines.sentences(wrapped)).isEqualTo(2);
  }

  @Test
  void pipesTabsAndAlignedColumnsMakeRows() {
    assertThat(TextLines.rowShape("| a | b | c |")).isEqualTo("|3");
    assertThat(TextLines.rowShape("a\tb\tc")).isEqualTo("t3");
    assertThat(TextLines.rowShape("libssl3    3.0.11    installed")).isEqualTo("s3");
    assertThat(TextLines.rowShape("Basic wash ........ $12")).isEqualTo("s2");
    assertThat(TextLines.rowShape("It ended.  Then it began.")).isNull();
    assertThat(TextLines.rowShape("one, two, three")).isEqualTo(",3");
    // A comma-split line counts only next to another of the same shape.
    assertThat(TextLines.rowShapes(List.of("one, two, three", "A sentence."))).containsOnlyNulls();
    assertThat(TextLines.rowShapes(List.of("a,b,c", "d,e,f"))).containsExactly(",3", ",3");
  }

  @Test
  void listItemsAndKeyValuePairsAreCountedByLine() {
    String form =
        "Name: Olivia Grant\nPhone: 555-0142\n- penicillin\n1. follow-up\nplain line here";

    TextFeatures features = TextFeatures.of(form);

    assertThat(features.value(Feature.KEY_VALUES)).isEqualTo(2 / 5.0);
    assertThat(features.value(Feature.LIST_ITEMS)).isEqualTo(2 / 5.0);
  }

  @Test
  void currencySignsCodesAndPercentsAreCounted() {
    TextFeatures features =
        TextFeatures.of("Pay $12.50 or 11 EUR or £9, a 12% discount, 3 percent");

    // Tokens: pay 12.50 or 11 eur or 9 a 12 discount 3 percent.
    assertThat(features.counts().tokens()).isEqualTo(12);
    assertThat(features.value(Feature.CURRENCY)).isCloseTo(3 / 12.0, within(1e-9));
    assertThat(features.value(Feature.PERCENT)).isCloseTo(2 / 12.0, within(1e-9));
    assertThat(features.counts().moneyMarkers()).isEqualTo(5);
  }

  @Test
  void cueWordsMatchThroughTheStemmer() {
    TextFeatures legal =
        TextFeatures.of("The Licensee shall be indemnified; the licences terminate on breach.");
    TextFeatures financial =
        TextFeatures.of("Revenues rose and margins fell; depreciation and interest were higher.");

    // licensee, shall, indemnified, licences, terminate, breach
    assertThat(legal.counts().legalCues()).isEqualTo(6);
    assertThat(legal.counts().financialCues()).isZero();
    // revenues, margins, depreciation, interest
    assertThat(financial.counts().financialCues()).isEqualTo(4);
    assertThat(financial.value(Feature.REASONING)).isZero();
    assertThat(
            TextFeatures.of("It failed because the disk was full, therefore")
                .value(Feature.REASONING))
        .isCloseTo(2 / 8.0, within(1e-9));
  }

  @Test
  void otherLanguagesHaveFewEnglishFunctionWordsOrOtherLetters() {
    String french =
        "La mairie a annoncé la fermeture temporaire de la piscine municipale pour des travaux de"
            + " rénovation. Les nageurs pourront utiliser le bassin du lycée voisin le samedi matin.";
    String russian = "Уважаемые жители, горячая вода будет отключена с понедельника по среду.";

    assertThat(TextFeatures.of(PROSE).value(Feature.STOPWORDS)).isGreaterThan(0.35);
    assertThat(TextFeatures.of(french).value(Feature.STOPWORDS)).isLessThan(0.15);
    assertThat(TextFeatures.of(french).value(Feature.NON_ASCII)).isBetween(0.01, 0.1);
    assertThat(TextFeatures.of(russian).value(Feature.NON_ASCII)).isEqualTo(1.0);
    assertThat(TextFeatures.of(PROSE).value(Feature.NON_ASCII)).isZero();
  }

  @Test
  void aListWithoutProseLinesIsNotTakenForAnotherLanguage() {
    String paths = "src/render/glyph_cache.c\nsrc/render/outline.c\nlibs/include/boost/hana.hpp";

    assertThat(TextFeatures.of(paths).value(Feature.STOPWORDS))
        .isEqualTo(TextFeatures.NEUTRAL_STOPWORDS);
  }

  @Test
  void encodedDataIsOddTokensAndGarbleIsLoneLettersAndSymbols() {
    String base64 =
        "iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAYAAACqaXHeAAAACXBIWXMAAAsTAAALEwEAmpwYAAAGm0lEQVR4nO2bW2w";
    String garble = "S EC T I ON 4 . 2 T h e a p p l i c a n t s h a l l";

    assertThat(TextFeatures.of(base64).value(Feature.ODD_TOKENS)).isEqualTo(1.0);
    assertThat(TextFeatures.of(garble).value(Feature.ODD_TOKENS)).isGreaterThan(0.6);
    assertThat(TextFeatures.of(PROSE).value(Feature.ODD_TOKENS)).isZero();
    assertThat(TextFeatures.of("!!! ??? ### ok").value(Feature.SYMBOLS))
        .isCloseTo(9 / 11.0, within(1e-9));
  }

  @Test
  void sentenceWordsAndVocabularyDoNotGrowWithLength() {
    TextFeatures once = TextFeatures.of(PROSE);
    TextFeatures thrice = TextFeatures.of(PROSE + " " + PROSE + " " + PROSE);

    assertThat(thrice.value(Feature.SENTENCE_WORDS)).isEqualTo(once.value(Feature.SENTENCE_WORDS));
    assertThat(once.value(Feature.SENTENCE_WORDS)).isCloseTo(37 / 2.0 / 40, within(1e-9));
    // Repeated text has a smaller share of new words in its 50-token windows.
    assertThat(thrice.value(Feature.VOCABULARY)).isLessThan(once.value(Feature.VOCABULARY));
    assertThat(TextFeatures.of("").values()).containsOnly(0.0, TextFeatures.NEUTRAL_STOPWORDS);
  }
}
