package io.precis.routing.cache.calibrate;

import io.precis.routing.cache.guard.GuardFeatures;
import io.precis.routing.cache.guard.HitGuards;
import io.precis.routing.embed.Embedder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures, for every threshold from 0.50 to 0.99, how a semantic cache would do on labelled pairs
 * with a given embedder: a pair hits when the cosine of its two texts reaches the threshold and no
 * {@link HitGuards guard} vetoes it. Precision is the share of hits that are labelled same, recall
 * the share of same pairs that hit, hit rate the share of all pairs that hit. The same figures for
 * the cosine alone show what the guards add.
 */
public final class Calibration {
  /** The precision a recommended threshold must reach unless the caller asks for another. */
  public static final double DEFAULT_TARGET_PRECISION = 0.99;

  /** Lowest and highest threshold tried, in hundredths. */
  static final int FIRST = 50;

  static final int LAST = 99;

  private static final int BATCH = 64;

  private Calibration() {}

  /** One pair, embedded and judged. */
  public record Scored(LabelledPair pair, double cosine, Optional<String> veto) {
    /** Whether the pair hits at a threshold with guards. */
    public boolean hits(double threshold) {
      return cosine >= threshold && veto.isEmpty();
    }

    /** Whether the pair hits at a threshold on its cosine alone. */
    public boolean hitsOnCosine(double threshold) {
      return cosine >= threshold;
    }
  }

  /**
   * Embeds every text (each distinct text once), scores every pair and tabulates the thresholds.
   *
   * @param targetPrecision the precision the recommended threshold must reach, in (0, 1]
   */
  public static CalibrationReport run(
      List<LabelledPair> pairs, Embedder embedder, double targetPrecision) {
    if (!(targetPrecision > 0 && targetPrecision <= 1)) {
      throw new IllegalArgumentException("target precision " + targetPrecision);
    }
    Map<String, float[]> vectors = embed(pairs, embedder);
    List<Scored> scored = new ArrayList<>(pairs.size());
    for (LabelledPair pair : pairs) {
      double cosine = Embedder.cosine(vectors.get(pair.textA()), vectors.get(pair.textB()));
      Optional<String> veto =
          HitGuards.veto(GuardFeatures.of(pair.textA()), GuardFeatures.of(pair.textB()));
      scored.add(new Scored(pair, cosine, veto));
    }
    return score(embedder.id(), scored, targetPrecision);
  }

  /** Tabulates pairs already scored. */
  static CalibrationReport score(String embedderId, List<Scored> scored, double targetPrecision) {
    List<CalibrationReport.Row> rows = new ArrayList<>();
    for (int k = FIRST; k <= LAST; k++) {
      double threshold = k / 100.0;
      int hits = 0;
      int sameHits = 0;
      int cosineHits = 0;
      int cosineSameHits = 0;
      for (Scored s : scored) {
        if (s.hits(threshold)) {
          hits++;
          sameHits += s.pair().same() ? 1 : 0;
        }
        if (s.hitsOnCosine(threshold)) {
          cosineHits++;
          cosineSameHits += s.pair().same() ? 1 : 0;
        }
      }
      rows.add(
          new CalibrationReport.Row(
              threshold,
              new CalibrationReport.Counts(hits, sameHits),
              new CalibrationReport.Counts(cosineHits, cosineSameHits)));
    }
    return new CalibrationReport(embedderId, scored, targetPrecision, rows);
  }

  private static Map<String, float[]> embed(List<LabelledPair> pairs, Embedder embedder) {
    List<String> texts = new ArrayList<>();
    Map<String, float[]> vectors = new LinkedHashMap<>();
    for (LabelledPair pair : pairs) {
      for (String text : List.of(pair.textA(), pair.textB())) {
        if (vectors.putIfAbsent(text, new float[0]) == null) {
          texts.add(text);
        }
      }
    }
    for (int from = 0; from < texts.size(); from += BATCH) {
      List<String> batch = texts.subList(from, Math.min(texts.size(), from + BATCH));
      List<float[]> embedded = embedder.embed(batch);
      if (embedded.size() != batch.size()) {
        throw new IllegalStateException(
            embedder.id() + " returned " + embedded.size() + " vectors for " + batch.size());
      }
      for (int i = 0; i < batch.size(); i++) {
        vectors.put(batch.get(i), embedded.get(i));
      }
    }
    return vectors;
  }
}
