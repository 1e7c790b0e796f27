package io.precis.chunking.clean;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.core.config.CleaningSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two passes of a cleaning job, run by hand over a small corpus of documentation pages. */
class CrossDocumentCleaningTest {
  private static final CleaningSettings DEFAULTS = new CleaningSettings(true, 0.3, 5, 3, 200);

  /** Pass 1 as the Spark job does it: in how many documents each fingerprint appears. */
  static Map<Long, Long> documentCounts(List<String> documents, CleaningSettings settings) {
    Map<Long, Long> counts = new HashMap<>();
    for (String document : documents) {
      for (long fingerprint : LineFingerprints.of(document, settings)) {
        counts.merge(fingerprint, 1L, Long::sum);
      }
    }
    return counts;
  }

  @Test
  void navigationInTenOfTwelvePagesIsBoilerplateAndPageContentIsNot() {
    List<String> documents = SphinxPages.documents();

    BoilerplateSet boilerplate =
        BoilerplateSet.from(documentCounts(documents, DEFAULTS), documents.size(), DEFAULTS);

    for (String line : SphinxPages.identicalChrome()) {
      assertThat(boilerplate.contains(LineFingerprints.of(line))).as(line).isTrue();
    }
    // The build date differs from page to page: across documents a number makes a line its own.
    for (int page = 0; page < 10; page++) {
      assertThat(boilerplate.contains(LineFingerprints.of(SphinxPages.dated(page)))).isFalse();
    }
    assertThat(boilerplate.contains(LineFingerprints.of(SphinxPages.IN_FIVE))).isTrue();
    assertThat(boilerplate.contains(LineFingerprints.of(SphinxPages.IN_FOUR))).isFalse();
    assertThat(boilerplate.contains(LineFingerprints.of("Source code: Lib/json/__init__.py")))
        .isFalse();
    assertThat(boilerplate.contains(LineFingerprints.of("Plain notes without the Sphinx chrome.")))
        .isFalse();
    assertThat(boilerplate.size()).isEqualTo(SphinxPages.identicalChrome().size() + 1);
  }

  @Test
  void cleaningLeavesEachPageItsOwnContent() {
    List<String> documents = SphinxPages.documents();
    BoilerplateSet boilerplate =
        BoilerplateSet.from(documentCounts(documents, DEFAULTS), documents.size(), DEFAULTS);
    TextCleaner cleaner = new TextCleaner(DEFAULTS);

    CleanedText datetime = cleaner.clean(documents.get(5), boilerplate);
    CleanedText json = cleaner.clean(documents.get(0), boilerplate);
    CleanedText notes = cleaner.clean(documents.get(10), boilerplate);
    CleanedText readingList = cleaner.clean(documents.get(11), boilerplate);

    assertThat(datetime.text()).isEqualTo(SphinxPages.content(5) + "\n\n" + SphinxPages.dated(5));
    assertThat(datetime.removedLines()).isEqualTo(SphinxPages.identicalChrome().size());
    assertThat(datetime.sampleRemoved())
        .containsExactly("Navigation", "index", "modules |", "next |", "previous |");
    assertThat(json.text())
        .startsWith("json — JSON encoder and decoder¶\n\nSource code: Lib/json/__init__.py\n\n")
        .endsWith(
            "marshal and pickle modules.\n\n"
                + SphinxPages.IN_FOUR
                + "\n\n"
                + SphinxPages.dated(0));
    assertThat(json.removedLines()).isEqualTo(SphinxPages.identicalChrome().size() + 1);
    assertThat(notes.text())
        .isEqualTo(
            "Release notes\n\nPlain notes without the Sphinx chrome.\nThe changelog lists every fix.");
    assertThat(readingList.text())
        .isEqualTo(
            "Reading list\n\nAnother page without chrome.\nChanged in version 3.3.\n"
                + "It links to the tutorial.");
  }

  @Test
  void aCorpusOfThreePagesHasNoBoilerplate() {
    List<String> documents = SphinxPages.documents().subList(0, 3);

    BoilerplateSet boilerplate =
        BoilerplateSet.from(documentCounts(documents, DEFAULTS), documents.size(), DEFAULTS);
    CleanedText json = new TextCleaner(DEFAULTS).clean(documents.get(0), boilerplate);

    assertThat(boilerplate.size()).isZero();
    assertThat(json.text()).startsWith("Navigation\n\nindex\nmodules |\n").contains("Show Source");
    assertThat(json.removedLines()).isZero();
  }
}
