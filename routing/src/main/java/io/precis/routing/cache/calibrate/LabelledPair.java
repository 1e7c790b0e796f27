package io.precis.routing.cache.calibrate;

import java.util.Objects;

/**
 * Two texts and whether one may be answered with the other's summary: {@code same} (a paraphrase,
 * the same content) or different.
 *
 * @param line where the pair stands in its file (1-based), for messages
 * @param same whether the pair is labelled {@code same}
 * @param category a free label that the report counts hits by (paraphrase, negation, number...)
 */
public record LabelledPair(int line, boolean same, String category, String textA, String textB) {
  public LabelledPair {
    Objects.requireNonNull(category, "category is null");
    Objects.requireNonNull(textA, "textA is null");
    Objects.requireNonNull(textB, "textB is null");
  }
}
