package io.precis.routing.cache.calibrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The figures of a {@link Calibration}: one row per threshold, the recommended threshold (the
 * lowest whose precision with guards reaches the target), and per category how many pairs hit
 * there.
 *
 * @param scored every pair with its cosine and the guards' veto
 * @param rows thresholds 0.50 to 0.99, ascending
 */
public record CalibrationReport(
    String embedderId, List<Calibration.Scored> scored, double targetPrecision, List<Row> rows) {
  public CalibrationReport {
    scored = List.copyOf(scored);
    rows = List.copyOf(rows);
  }

  /** Hits at one threshold, and how many of them are labelled same. */
  public record Counts(int hits, int sameHits) {}

  /** One threshold with guards and on the cosine alone. */
  public record Row(double threshold, Counts guarded, Counts cosineOnly) {}

  /** How the pairs of one category and label fared at a threshold. */
  public record CategoryHits(
      String category, boolean same, int pairs, int hits, int cosineHits, int vetoed) {}

  /** Pairs labelled same. */
  public int samePairs() {
    return (int) scored.stream().filter(s -> s.pair().same()).count();
  }

  /** Share of hits labelled same; empty when nothing hits. */
  public OptionalDouble precision(Counts counts) {
    return counts.hits() == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(counts.sameHits() / (double) counts.hits());
  }

  /** Share of same pairs that hit. */
  public double recall(Counts counts) {
    return counts.sameHits() / (double) samePairs();
  }

  /** Share of all pairs that hit. */
  public double hitRate(Counts counts) {
    return counts.hits() / (double) scored.size();
  }

  /** The lowest threshold whose precision with guards reaches the target, if any does. */
  public Optional<Row> recommended() {
    return lowest(true);
  }

  /** The same on the cosine alone, to show what the guards add. */
  public Optional<Row> recommendedOnCosineAlone() {
    return lowest(false);
  }

  private Optional<Row> lowest(boolean guarded) {
    for (Row row : rows) {
      OptionalDouble precision = precision(guarded ? row.guarded() : row.cosineOnly());
      if (precision.isPresent() && precision.getAsDouble() >= targetPrecision - 1e-12) {
        return Optional.of(row);
      }
    }
    return Optional.empty();
  }

  /** Per category and label (in the order they first appear), the hits at a threshold. */
  public List<CategoryHits> categories(double threshold) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    Map<String, Calibration.Scored> first = new LinkedHashMap<>();
    for (Calibration.Scored s : scored) {
      String key = s.pair().category() + "\t" + s.pair().same();
      first.putIfAbsent(key, s);
      int[] c = counts.computeIfAbsent(key, k -> new int[4]);
      c[0]++;
      c[1] += s.hits(threshold) ? 1 : 0;
      c[2] += s.hitsOnCosine(threshold) ? 1 : 0;
      c[3] += s.hitsOnCosine(threshold) && s.veto().isPresent() ? 1 : 0;
    }
    List<CategoryHits> categories = new ArrayList<>();
    counts.forEach(
        (key, c) -> {
          Calibration.Scored s = first.get(key);
          categories.add(
              new CategoryHits(s.pair().category(), s.pair().same(), c[0], c[1], c[2], c[3]));
        });
    return categories;
  }

  /** The table, the recommendation and the per-category hits, as printed to a user. */
  public String render() {
    StringBuilder out = new StringBuilder();
    int same = samePairs();
    out.append(
        String.format(
            Locale.ROOT,
            "Calibration of %s on %d pairs (%d same, %d different), target precision %s%n%n",
            embedderId,
            scored.size(),
            same,
            scored.size() - same,
            number(targetPrecision)));
    out.append("           ---------- with guards ---------  ---------- cosine alone ---------\n");
    out.append("threshold  precision  recall  hit rate       precision  recall  hit rate\n");
    for (Row row : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-9.2f  %-9s  %-6.3f  %-8.3f       %-9s  %-6.3f  %-8.3f%n",
              row.threshold(),
              shown(precision(row.guarded())),
              recall(row.guarded()),
              hitRate(row.guarded()),
              shown(precision(row.cosineOnly())),
              recall(row.cosineOnly()),
              hitRate(row.cosineOnly())));
    }
    out.append('\n');
    Optional<Row> recommended = recommended();
    Optional<Row> cosineAlone = recommendedOnCosineAlone();
    if (recommended.isPresent()) {
      Row row = recommended.get();
      out.append(
          String.format(
              Locale.ROOT,
              "Recommended threshold: %.2f, the lowest whose precision with guards is at least %s"
                  + " (precision %s, recall %.3f, hit rate %.3f).%n",
              row.threshold(),
              number(targetPrecision),
              shown(precision(row.guarded())),
              recall(row.guarded()),
              hitRate(row.guarded())));
      int hits = row.guarded().hits();
      double bound = Math.min(1, 3.0 / hits);
      int needed = (int) Math.ceil(3 / (1 - targetPrecision) - 1e-9);
      if (targetPrecision < 1 && hits < needed) {
        // The rule of three: no failure in n trials bounds the failure rate by 3/n (95%).
        out.append(
            String.format(
                Locale.ROOT,
                "Note: that precision rests on %d hits. No wrong hit among %d only shows that"
                    + " wrong hits stay below %.3f (95%% confidence); showing below %s takes %d"
                    + " hits. Add pairs from your own documents.%n",
                hits,
                hits,
                bound,
                number(1 - targetPrecision),
                needed));
      }
    } else {
      out.append(
          String.format(
              Locale.ROOT,
              "No threshold from 0.50 to 0.99 reaches precision %s with guards on these pairs:"
                  + " at every one, semantic hits would serve wrong summaries.%n",
              number(targetPrecision)));
    }
    out.append(
        cosineAlone
            .map(
                row ->
                    String.format(
                        Locale.ROOT,
                        "On the cosine alone it would take %.2f (recall %.3f).%n",
                        row.threshold(),
                        recall(row.cosineOnly())))
            .orElse(
                String.format(
                    Locale.ROOT,
                    "On the cosine alone no threshold reaches precision %s.%n",
                    number(targetPrecision))));
    double at = recommended.map(Row::threshold).orElse(Calibration.LAST / 100.0);
    out.append(
        String.format(
            Locale.ROOT,
            "%nPer category at %.2f%s:%n",
            at,
            recommended.isPresent() ? "" : " (the highest threshold tried)"));
    out.append("category         label      pairs  hits  cosine-only hits  vetoed by a guard\n");
    for (CategoryHits c : categories(at)) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-15s  %-9s  %5d  %4d  %16d  %17d%n",
              c.category(),
              c.same() ? "same" : "different",
              c.pairs(),
              c.hits(),
              c.cosineHits(),
              c.vetoed()));
    }
    List<Calibration.Scored> wrong = new ArrayList<>();
    for (Calibration.Scored s : scored) {
      if (!s.pair().same() && s.hits(at)) {
        wrong.add(s);
      }
    }
    if (!wrong.isEmpty()) {
      out.append(String.format(Locale.ROOT, "%nPairs labelled different that hit at %.2f:%n", at));
      for (Calibration.Scored s : wrong) {
        out.append(
            String.format(
                Locale.ROOT,
                "  line %d (%s, cosine %.3f): %s | %s%n",
                s.pair().line(),
                s.pair().category(),
                s.cosine(),
                s.pair().textA(),
                s.pair().textB()));
      }
    }
    return out.toString();
  }

  private static String shown(OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%.3f", value.getAsDouble()) : "-";
  }

  private static String number(double value) {
    return java.math.BigDecimal.valueOf(value)
        .setScale(4, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
