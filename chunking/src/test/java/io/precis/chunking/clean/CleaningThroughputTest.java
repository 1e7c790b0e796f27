package io.precis.chunking.clean;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.core.config.CleaningSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Both passes over a few megabytes of pages: reports a throughput figure, asserts no timing. */
class CleaningThroughputTest {
  private static final CleaningSettings DEFAULTS = new CleaningSettings(true, 0.3, 5, 3, 200);
  private static final int DOCUMENTS = 6_000;
  private static final int MAX_ROUNDS = 8;
  private static final long ROUNDS_NANOS = 1_500_000_000L;

  @Test
  void cleansACorpusOfPagesAndReportsThroughput() {
    List<String> documents = new ArrayList<>(DOCUMENTS);
    long characters = 0;
    for (int i = 0; i < DOCUMENTS; i++) {
      String document = SphinxPages.document(i, 1 + i / 12);
      documents.add(document);
      characters += document.length();
    }
    TextCleaner cleaner = new TextCleaner(DEFAULTS);

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long removedLines = 0;
    double bestFirstPass = 0;
    double bestSecondPass = 0;
    long began = System.nanoTime();
    // Several rounds, so the JIT has compiled the loops; the figure is the best round's, per
    // second of this thread's CPU time so that other processes on the machine count less.
    for (int round = 1; round <= MAX_ROUNDS && System.nanoTime() - began < ROUNDS_NANOS; round++) {
      long start = threads.getCurrentThreadCpuTime();
      Map<Long, Long> counts = CrossDocumentCleaningTest.documentCounts(documents, DEFAULTS);
      BoilerplateSet boilerplate = BoilerplateSet.from(counts, documents.size(), DEFAULTS);
      long counted = threads.getCurrentThreadCpuTime();
      removedLines = 0;
      for (String document : documents) {
        removedLines += cleaner.clean(document, boilerplate).removedLines();
      }
      long cleaned = threads.getCurrentThreadCpuTime();
      // "See also" and "Changed in version 3.3." are in 5 and 4 of every 12 pages: over 30%.
      assertThat(boilerplate.size()).isEqualTo(SphinxPages.identicalChrome().size() + 2);
      bestFirstPass = Math.max(bestFirstPass, characters * 1e3 / Math.max(1, counted - start));
      bestSecondPass = Math.max(bestSecondPass, characters * 1e3 / Math.max(1, cleaned - counted));
    }
    System.out.printf(
        "cleaning: %d documents, %.1f M characters; pass 1 (fingerprints and counts) %.0f M"
            + " characters per CPU second, pass 2 (clean) %.0f M characters per CPU second%n",
        documents.size(), characters / 1e6, bestFirstPass, bestSecondPass);

    long chromePages = DOCUMENTS / 12 * 10;
    assertThat(removedLines)
        .isEqualTo(
            chromePages * SphinxPages.identicalChrome().size() + DOCUMENTS / 12 * (4 + 3 + 1 + 1));
  }
}
