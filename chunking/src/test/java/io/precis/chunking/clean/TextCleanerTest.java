package io.precis.chunking.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.config.CleaningSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextCleanerTest {
  private static final CleaningSettings DEFAULTS = new CleaningSettings(true, 0.3, 5, 3, 200);
  private static final TextCleaner CLEANER = new TextCleaner(DEFAULTS);
  private static final String HEADER = "ACME Corp — Confidential";

  private static final List<String> BODIES =
      List.of(
          "Revenue grew in the northern region.\nMargins held steady.",
          "The board approved the new warehouse.\nConstruction starts in spring.",
          "Shipping costs fell after the carrier change.",
          "Two suppliers were replaced.\nQuality complaints dropped.",
          "Headcount rose by four engineers.",
          "Outlook: cautious growth next year.");

  /** Six pages as a PDF parser gives them: running header, body, running footer. */
  private static String sixPageReport() {
    List<String> pages = new ArrayList<>();
    for (int page = 1; page <= 6; page++) {
      pages.add(HEADER + "\n" + BODIES.get(page - 1) + "\n\nPage " + page + " of 6\n");
    }
    return String.join("\n", pages);
  }

  @Test
  void runningHeaderAndFooterAreKeptOnlyWhereTheyFirstOccur() {
    CleanedText cleaned = CLEANER.clean(sixPageReport(), BoilerplateSet.empty());

    assertThat(cleaned.text())
        .isEqualTo(
            HEADER
                + "\n"
                + BODIES.get(0)
                + "\n\nPage 1 of 6\n\n"
                + String.join("\n\n", BODIES.subList(1, 6)));
    assertThat(cleaned.removedLines()).isEqualTo(10);
    assertThat(cleaned.removedCharacters())
        .isEqualTo(5 * HEADER.length() + 5 * "Page 2 of 6".length());
    assertThat(cleaned.sampleRemoved()).containsExactly(HEADER, "Page 2 of 6");
  }

  @Test
  void countsAreExact() {
    String text =
        "Home | About\nIntro text.\nAcme  footer  \nMore text.\n\tAcme footer\nEnd.\nACME FOOTER";
    BoilerplateSet boilerplate = BoilerplateSet.of(LineFingerprints.of("Home | About"));

    CleanedText cleaned = CLEANER.clean(text, boilerplate);

    assertThat(cleaned.text()).isEqualTo("Intro text.\nAcme footer\nMore text.\nEnd.");
    assertThat(cleaned.removedLines()).isEqualTo(3);
    assertThat(cleaned.removedCharacters()).isEqualTo(12 + 12 + 11);
    assertThat(cleaned.removedText()).isEqualTo("Home | About\n\tAcme footer\nACME FOOTER");
    assertThat(cleaned.sampleRemoved()).containsExactly("Home | About", "Acme footer");
  }

  @Test
  void boilerplateLinesAreRemovedEverywhereEvenTheFirstTime() {
    String text = "Navigation\nPrevious topic\n\nThe csv module reads tabular data.\n\nNext topic";
    BoilerplateSet boilerplate =
        BoilerplateSet.of(
            LineFingerprints.of("navigation"),
            LineFingerprints.of("previous topic"),
            LineFingerprints.of("next topic"));

    CleanedText cleaned = CLEANER.clean(text, boilerplate);

    assertThat(cleaned.text()).isEqualTo("The csv module reads tabular data.");
    assertThat(cleaned.removedLines()).isEqualTo(3);
  }

  @Test
  void tableRowsListItemsAndHeadingsAreNeverRemovedAsRepeats() {
    String text =
        String.join(
            "\n",
            "## Results",
            "| Quarter | Revenue |",
            "| Q1 | 100 |",
            "| Q1 | 100 |",
            "| Q1 | 100 |",
            "",
            "## Results",
            "- Yes",
            "- Yes",
            "* Yes",
            "1. Check the figures",
            "2. Check the figures",
            "3. Check the figures",
            "",
            "## Results");

    CleanedText cleaned = CLEANER.clean(text, BoilerplateSet.empty());

    assertThat(cleaned.text()).isEqualTo(text);
    assertThat(cleaned.removedLines()).isZero();
  }

  @Test
  void tableRowsSurviveTheBoilerplateSetButListItemsDoNot() {
    String text = "| Name | Type |\n| id | int |\n- Home\n- Contact us\nBody.";
    BoilerplateSet boilerplate =
        BoilerplateSet.of(
            LineFingerprints.of("| Name | Type |"),
            LineFingerprints.of("- Home"),
            LineFingerprints.of("- Contact us"));

    CleanedText cleaned = CLEANER.clean(text, boilerplate);

    assertThat(cleaned.text()).isEqualTo("| Name | Type |\n| id | int |\nBody.");
  }

  @Test
  void singleWordsAreNeverRemovedAsRepeatsForTheyAreMostlyCode() {
    String text =
        "try:\n    f(1)\nfinally:\n    pass\n\ntry:\n    f(2)\nfinally:\n    pass\n\n"
            + "try:\n    f(3)\nfinally:\n    pass\n{\n}\n{\n}\n{\n}\nNote\nNote\nNote\n12\n13\n14";

    CleanedText cleaned = CLEANER.clean(text, BoilerplateSet.empty());

    assertThat(cleaned.removedLines()).isZero();
    assertThat(cleaned.text()).startsWith("try:\nf(1)\nfinally:\npass\n\ntry:\nf(2)");
  }

  @Test
  void singleWordsAreRemovedAsBoilerplate() {
    String text = "index\nBody.\n\u00AB";
    BoilerplateSet boilerplate =
        BoilerplateSet.of(LineFingerprints.of("index"), LineFingerprints.of("\u00AB"));

    CleanedText cleaned = CLEANER.clean(text, boilerplate);

    assertThat(cleaned.text()).isEqualTo("Body.");
  }

  @Test
  void aLonePipeIsNotATableRow() {
    String text = "next |\n|\nprevious\n|\nindex\n|\nBody.";
    BoilerplateSet boilerplate = BoilerplateSet.of(LineFingerprints.of("|"));

    CleanedText cleaned = CLEANER.clean(text, boilerplate);

    assertThat(cleaned.text()).isEqualTo("next |\nprevious\nindex\nBody.");
  }

  @Test
  void linesLongerThanTheLimitAreNeverRemoved() {
    String longLine = "word ".repeat(40) + "x"; // 201 characters
    String text = String.join("\n", longLine, longLine, longLine);
    BoilerplateSet boilerplate = BoilerplateSet.of(LineFingerprints.of(longLine));

    CleanedText cleaned = CLEANER.clean(text, boilerplate);

    assertThat(longLine).hasSize(201);
    assertThat(cleaned.text()).isEqualTo(text);
    assertThat(cleaned.removedLines()).isZero();
  }

  @Test
  void linesAtTheLimitAreRemovedAsRepeats() {
    String atLimit = "word ".repeat(39) + "wordy"; // 200 characters
    String text = String.join("\n", atLimit, "a", atLimit, "b", atLimit);

    CleanedText cleaned = CLEANER.clean(text, BoilerplateSet.empty());

    assertThat(atLimit).hasSize(200);
    assertThat(cleaned.text()).isEqualTo(atLimit + "\na\nb");
  }

  @Test
  void linesBelowTheRepeatCountAreKept() {
    String text = "Summary\nFirst part.\nSummary\nSecond part.";

    CleanedText cleaned = CLEANER.clean(text, BoilerplateSet.empty());

    assertThat(cleaned.text()).isEqualTo(text);
  }

  @Test
  void removingALineBetweenParagraphsLeavesOneBlankLine() {
    String text =
        "First paragraph.\n\nAcme footer\n\nSecond paragraph.\nAcme footer\nThird.\nAcme footer";

    CleanedText cleaned = CLEANER.clean(text, BoilerplateSet.empty());

    assertThat(cleaned.text())
        .isEqualTo("First paragraph.\n\nAcme footer\n\nSecond paragraph.\nThird.");
  }

  @Test
  void samplesStopAtFive() {
    StringBuilder text = new StringBuilder("Body.\n");
    BoilerplateSet boilerplate =
        BoilerplateSet.of(
            LineFingerprints.of("Menu alpha"),
            LineFingerprints.of("Menu beta"),
            LineFingerprints.of("Menu gamma"),
            LineFingerprints.of("Menu delta"),
            LineFingerprints.of("Menu epsilon"),
            LineFingerprints.of("Menu zeta"));
    for (String name : List.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta")) {
      text.append("Menu ").append(name).append('\n');
    }

    CleanedText cleaned = CLEANER.clean(text.toString(), boilerplate);

    assertThat(cleaned.removedLines()).isEqualTo(6);
    assertThat(cleaned.sampleRemoved())
        .containsExactly("Menu alpha", "Menu beta", "Menu gamma", "Menu delta", "Menu epsilon");
  }

  @Test
  void disabledCleaningOnlyNormalizesWhitespace() {
    TextCleaner disabled = new TextCleaner(new CleaningSettings(false, 0.3, 5, 3, 200));
    BoilerplateSet boilerplate = BoilerplateSet.of(LineFingerprints.of(HEADER));

    CleanedText cleaned = disabled.clean(sixPageReport().replace("\n", "  \r\n"), boilerplate);

    assertThat(cleaned.text()).isEqualTo(withoutRemoval(sixPageReport()));
    assertThat(cleaned.text()).contains("Page 6 of 6").startsWith(HEADER + "\n");
    assertThat(cleaned.removedLines()).isZero();
    assertThat(cleaned.removedCharacters()).isZero();
    assertThat(cleaned.sampleRemoved()).isEmpty();
  }

  @Test
  void cleaningIsDeterministic() {
    String text = sixPageReport();

    assertThat(CLEANER.clean(text, BoilerplateSet.empty()))
        .isEqualTo(CLEANER.clean(text, BoilerplateSet.empty()));
  }

  @Test
  void nullArgumentsAreRejectedWithTheirNames() {
    assertThatThrownBy(() -> CLEANER.clean(null, BoilerplateSet.empty()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("text is null");
    assertThatThrownBy(() -> CLEANER.clean("text", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("boilerplate is null");
  }

  @Test
  void cleanedTextRejectsMoreSamplesThanRemovedLines() {
    assertThatThrownBy(() -> new CleanedText("x", 1, 3, "abc", List.of("a", "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sampleRemoved holds 2 lines but at most min(5, removedLines=1) are allowed");
  }

  /**
   * The report with blank-line runs collapsed and the trailing blank line gone: nothing removed.
   */
  private static String withoutRemoval(String text) {
    return text.replaceAll("\n{3,}", "\n\n").strip();
  }

  @Test
  void linesThatDifferOnlyInTheirNumbersAreDataWhenTheyStandTogether() {
    String text =
        "Revenue by year\n"
            + "Revenue 2021: 1,102\n"
            + "Revenue 2022: 1,204\n"
            + "Revenue 2023: 1,310\n"
            + "Revenue 2024: 1,402\n";

    CleanedText cleaned =
        new TextCleaner(new CleaningSettings(true, 0.3, 5, 3, 200))
            .clean(text, BoilerplateSet.empty());

    assertThat(cleaned.text()).isEqualTo(text.strip());
    assertThat(cleaned.removedLines()).isZero();
  }

  @Test
  void templatedLinesOfDifferentDocumentsAreNotBoilerplate() {
    CleaningSettings settings = new CleaningSettings(true, 0.3, 5, 3, 200);
    java.util.Map<Long, Long> counts = new java.util.HashMap<>();
    for (int i = 0; i < 100; i++) {
      String ticket = "Ticket " + i + " opened by customer " + (i * 7) + "\nPriority: high\n";
      for (long fingerprint : LineFingerprints.of(ticket, settings)) {
        counts.merge(fingerprint, 1L, Long::sum);
      }
    }
    BoilerplateSet boilerplate = BoilerplateSet.from(counts, 100, settings);

    assertThat(boilerplate.contains(LineFingerprints.of("Priority: high"))).isTrue();
    assertThat(boilerplate.size()).isEqualTo(1);
    assertThat(
            new TextCleaner(settings)
                .clean("Ticket 42 opened by customer 294\nPriority: high", boilerplate)
                .text())
        .isEqualTo("Ticket 42 opened by customer 294");
  }
}
