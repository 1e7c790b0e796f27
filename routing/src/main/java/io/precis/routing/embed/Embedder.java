package io.precis.routing.embed;

import java.util.List;

/**
 * Turns texts into unit-length vectors, so that the dot product of two vectors is their cosine.
 * Vectors of different embedders are never compared: {@link #id()} names the embedder, and the
 * cache and the deduper keep it with every vector.
 */
public interface Embedder extends AutoCloseable {
  /** The provider and model, e.g. {@code minilm/all-minilm-l6-v2-q}. */
  String id();

  /** Length of every vector. */
  int dimensions();

  /**
   * One unit-length vector per text, in the order of the texts. Safe to call from several threads
   * at once.
   *
   * @throws IllegalArgumentException if a text is blank: it has nothing to embed
   * @throws io.precis.core.errors.PrecisException if a remote embedder fails, saying how to fix it
   */
  List<float[]> embed(List<String> texts);

  @Override
  default void close() {}

  /** The cosine of two unit-length vectors: their dot product. */
  static double cosine(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "vectors of " + a.length + " and " + b.length + " dimensions");
    }
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }

  /** The vector scaled to unit length (a zero vector stays zero). */
  static float[] normalized(float[] vector) {
    double norm = 0;
    for (float v : vector) {
      norm += v * v;
    }
    if (norm == 0) {
      return vector.clone();
    }
    float scale = (float) (1 / Math.sqrt(norm));
    float[] unit = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      unit[i] = vector[i] * scale;
    }
    return unit;
  }
}
