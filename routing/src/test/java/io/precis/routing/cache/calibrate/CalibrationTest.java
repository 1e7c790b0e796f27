package io.precis.routing.cache.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.precis.routing.embed.Embedder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The arithmetic of a calibration, on six pairs whose cosines a fake embedder fixes. */
class CalibrationTest {
  /** Puts text_a at (1, 0) and text_b at (c, sqrt(1 - c²)), so the pair's cosine is c. */
  static final class FakeEmbedder implements Embedder {
    final Map<String, float[]> vectors = new HashMap<>();
    final List<String> embedded = new ArrayList<>();

    void pair(String a, String b, double cosine) {
      vectors.put(a, new float[] {1, 0});
      vectors.put(b, new float[] {(float) cosine, (float) Math.sqrt(1 - cosine * cosine)});
    }

    @Override
    public String id() {
      return "fake/2d";
    }

    @Override
    public int dimensions() {
      return 2;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      embedded.addAll(texts);
      return texts.stream().map(vectors::get).toList();
    }
  }

  private final FakeEmbedder embedder = new FakeEmbedder();
  private final List<LabelledPair> pairs = new ArrayList<>();

  private void pair(boolean same, String category, String a, String b, double cosine) {
    pairs.add(new LabelledPair(pairs.size() + 2, same, category, a, b));
    embedder.pair(a, b, cosine);
  }

  private void sixPairs(boolean withTheBestParaphrase) {
    if (withTheBestParaphrase) {
      pair(
          true,
          "paraphrase",
          "Invoices are due in 30 days.",
          "Pay invoices within 30 days.",
          0.955);
    }
    pair(true, "paraphrase", "Show me my invoices.", "List my recent invoices.", 0.805);
    pair(true, "paraphrase", "Backups run nightly.", "We back up every night.", 0.605);
    // The guards veto this one: a cosine alone would take it at any threshold up to 0.97.
    pair(false, "negation", "Enable backups.", "Disable backups.", 0.975);
    pair(
        false,
        "near-miss",
        "The board approved the budget.",
        "The board reviewed the budget.",
        0.855);
    pair(false, "unrelated", "Late fees apply.", "Logs rotate daily.", 0.555);
  }

  private static CalibrationReport.Row row(CalibrationReport report, double threshold) {
    return report.rows().stream()
        .filter(r -> Math.abs(r.threshold() - threshold) < 1e-9)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void tabulatesPrecisionRecallAndHitRateWithGuardsAndOnTheCosineAlone() {
    sixPairs(true);
    CalibrationReport report = Calibration.run(pairs, embedder, 0.99);

    assertThat(report.rows()).hasSize(50);
    assertThat(report.rows().get(0).threshold()).isEqualTo(0.50);
    assertThat(report.rows().get(49).threshold()).isEqualTo(0.99);
    assertThat(report.samePairs()).isEqualTo(3);
    // Each distinct text embedded once.
    assertThat(embedder.embedded).hasSize(12).doesNotHaveDuplicates();

    // At 0.55 everything but the vetoed negation hits: 3 of 5 hits are same.
    CalibrationReport.Row low = row(report, 0.55);
    assertThat(low.guarded()).isEqualTo(new CalibrationReport.Counts(5, 3));
    assertThat(report.precision(low.guarded()).getAsDouble()).isCloseTo(0.6, within(1e-9));
    assertThat(report.recall(low.guarded())).isEqualTo(1.0);
    assertThat(report.hitRate(low.guarded())).isCloseTo(5 / 6.0, within(1e-9));
    assertThat(low.cosineOnly()).isEqualTo(new CalibrationReport.Counts(6, 3));
    assertThat(report.precision(low.cosineOnly()).getAsDouble()).isCloseTo(0.5, within(1e-9));

    // 0.555 is below 0.56.
    assertThat(row(report, 0.56).guarded()).isEqualTo(new CalibrationReport.Counts(4, 3));
    assertThat(report.precision(row(report, 0.56).guarded()).getAsDouble())
        .isCloseTo(0.75, within(1e-9));
    // Between 0.61 and 0.80: the two better paraphrases and the near-miss.
    assertThat(row(report, 0.80).guarded()).isEqualTo(new CalibrationReport.Counts(3, 2));
    assertThat(report.recall(row(report, 0.80).guarded())).isCloseTo(2 / 3.0, within(1e-9));
    assertThat(row(report, 0.85).guarded()).isEqualTo(new CalibrationReport.Counts(2, 1));
    // From 0.86 only the best paraphrase hits with guards; the cosine also takes the negation.
    CalibrationReport.Row clean = row(report, 0.86);
    assertThat(clean.guarded()).isEqualTo(new CalibrationReport.Counts(1, 1));
    assertThat(report.precision(clean.guarded()).getAsDouble()).isEqualTo(1.0);
    assertThat(report.hitRate(clean.guarded())).isCloseTo(1 / 6.0, within(1e-9));
    assertThat(clean.cosineOnly()).isEqualTo(new CalibrationReport.Counts(2, 1));
    // Above 0.955 nothing hits with guards: no precision to speak of.
    assertThat(row(report, 0.96).guarded()).isEqualTo(new CalibrationReport.Counts(0, 0));
    assertThat(report.precision(row(report, 0.96).guarded())).isEmpty();
    assertThat(row(report, 0.97).cosineOnly()).isEqualTo(new CalibrationReport.Counts(1, 0));

    assertThat(report.recommended())
        .hasValueSatisfying(r -> assertThat(r.threshold()).isEqualTo(0.86));
    assertThat(report.recommendedOnCosineAlone()).isEmpty();

    assertThat(report.categories(0.86))
        .containsExactly(
            new CalibrationReport.CategoryHits("paraphrase", true, 3, 1, 1, 0),
            new CalibrationReport.CategoryHits("negation", false, 1, 0, 1, 1),
            new CalibrationReport.CategoryHits("near-miss", false, 1, 0, 0, 0),
            new CalibrationReport.CategoryHits("unrelated", false, 1, 0, 0, 0));

    String table = report.render();
    assertThat(table)
        .contains("Calibration of fake/2d on 6 pairs (3 same, 3 different), target precision 0.99")
        .contains("0.55       0.600      1.000   0.833          0.500      1.000   1.000")
        .contains("0.96       -          0.000   0.000          0.000      0.000   0.167")
        .contains(
            "Recommended threshold: 0.86, the lowest whose precision with guards is at least"
                + " 0.99 (precision 1.000, recall 0.333, hit rate 0.167).")
        .contains(
            "Note: that precision rests on 1 hits. No wrong hit among 1 only shows that wrong hits"
                + " stay below 1.000 (95% confidence); showing below 0.01 takes 300 hits.")
        .contains("On the cosine alone no threshold reaches precision 0.99.")
        .contains("Per category at 0.86:")
        .containsPattern("negation +different +1 +0 +1 +1");
  }

  @Test
  void aLowerTargetTakesALowerThreshold() {
    sixPairs(true);
    CalibrationReport report = Calibration.run(pairs, embedder, 0.7);
    assertThat(report.recommended())
        .hasValueSatisfying(r -> assertThat(r.threshold()).isEqualTo(0.56));
    assertThat(report.recommendedOnCosineAlone()).isEmpty();
  }

  @Test
  void saysSoWhenNoThresholdMeetsTheTarget() {
    sixPairs(false); // the near-miss now scores above every paraphrase
    CalibrationReport report = Calibration.run(pairs, embedder, 0.99);

    assertThat(report.recommended()).isEmpty();
    assertThat(report.render())
        .contains(
            "No threshold from 0.50 to 0.99 reaches precision 0.99 with guards on these pairs")
        .contains("Per category at 0.99 (the highest threshold tried):")
        .doesNotContain("Recommended threshold");
  }

  @Test
  void listsTheDifferentPairsThatHit() {
    sixPairs(true);
    CalibrationReport report = Calibration.run(pairs, embedder, 0.6);
    // 0.6 is first met at 0.50 (3 of 5): the near-miss and the unrelated pair hit there.
    assertThat(report.recommended())
        .hasValueSatisfying(r -> assertThat(r.threshold()).isEqualTo(0.50));
    assertThat(report.render())
        .contains("Pairs labelled different that hit at 0.50:")
        .contains(
            "line 6 (near-miss, cosine 0.855): The board approved the budget. | The board reviewed the budget.");
  }
}
