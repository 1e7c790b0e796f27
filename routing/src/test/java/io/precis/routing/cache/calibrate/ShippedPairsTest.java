package io.precis.routing.cache.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.routing.embed.MiniLmEmbedder;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The labelled set shipped in conf/calibration, calibrated with MiniLM: a pair of a guard category
 * (a negation, a number, a date or a name changed) never hits at the recommended threshold.
 */
class ShippedPairsTest {
  static final Path SHIPPED = Path.of("..", "conf", "calibration", "cache-pairs.tsv");
  static final Set<String> GUARDED = Set.of("negation", "number", "date", "entity");

  static List<LabelledPair> pairs;
  static CalibrationReport report;

  @BeforeAll
  static void calibrate() {
    pairs = LabelledPairs.read(SHIPPED);
    try (MiniLmEmbedder embedder = new MiniLmEmbedder()) {
      report = Calibration.run(pairs, embedder, Calibration.DEFAULT_TARGET_PRECISION);
    }
    System.out.println(report.render());
  }

  @Test
  void theSetIsVariedAndBalanced() {
    assertThat(pairs).hasSizeGreaterThanOrEqualTo(200);
    Set<String> categories = pairs.stream().map(LabelledPair::category).collect(Collectors.toSet());
    assertThat(categories).containsAll(GUARDED).contains("paraphrase", "near-miss", "unrelated");
    for (String category : GUARDED) {
      assertThat(pairs.stream().filter(p -> p.category().equals(category)).count())
          .as(category)
          .isGreaterThanOrEqualTo(15);
    }
    assertThat(pairs.stream().filter(p -> GUARDED.contains(p.category()))).allMatch(p -> !p.same());
  }

  @Test
  void noGuardCategoryPairHitsAtTheRecommendedThreshold() {
    assertThat(report.recommended()).isPresent();
    double threshold = report.recommended().get().threshold();
    assertThat(report.scored())
        .filteredOn(s -> GUARDED.contains(s.pair().category()))
        .hasSizeGreaterThanOrEqualTo(80)
        .allSatisfy(s -> assertThat(s.hits(threshold)).as("line %d", s.pair().line()).isFalse());
    // Not by luck of the cosine: every one of them is vetoed, at any threshold.
    assertThat(report.scored())
        .filteredOn(s -> GUARDED.contains(s.pair().category()))
        .allSatisfy(s -> assertThat(s.veto()).as("line %d", s.pair().line()).isPresent());
  }

  @Test
  void theGuardsAreWhatMakesTheTargetReachable() {
    // The cosine alone cannot tell a negated or re-dated sentence from a paraphrase.
    assertThat(report.recommendedOnCosineAlone()).isEmpty();
    CalibrationReport.Row recommended = report.recommended().orElseThrow();
    assertThat(report.recall(recommended.guarded())).isGreaterThan(0.1);
    // Most paraphrases pass the guards.
    long vetoedSame =
        report.scored().stream().filter(s -> s.pair().same() && s.veto().isPresent()).count();
    assertThat(vetoedSame).isLessThanOrEqualTo(report.samePairs() / 10);
  }
}
