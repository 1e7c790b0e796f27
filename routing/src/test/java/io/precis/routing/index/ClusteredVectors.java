package io.precis.routing.index;

import io.precis.routing.embed.Embedder;
import java.util.SplittableRandom;

/**
 * Synthetic unit vectors shaped like sentence embeddings: each belongs to one of {@code clusters}
 * topics, lies near its topic's centre, and varies mostly along a few directions of its own topic
 * (real embeddings have a low intrinsic dimension), plus a little noise in every dimension. Vector
 * {@code i} is a pure function of the seed and {@code i}, so a benchmark regenerates vectors for
 * its brute-force check instead of holding them all.
 */
final class ClusteredVectors {
  private final long seed;
  private final double spread;
  private final double noise;
  private final int dimensions;
  private final float[][] centres;
  private final float[][][] directions;

  ClusteredVectors(long seed, int dimensions, int clusters) {
    this(seed, dimensions, clusters, 16, 0.25, 0.02);
  }

  /**
   * @param topicDirections the directions along which the vectors of one topic vary
   * @param spread the deviation along each of them (the centre has length about 1)
   * @param noise the deviation of each component added to every vector
   */
  ClusteredVectors(
      long seed, int dimensions, int clusters, int topicDirections, double spread, double noise) {
    this.seed = seed;
    this.spread = spread;
    this.noise = noise;
    this.dimensions = dimensions;
    SplittableRandom random = new SplittableRandom(seed);
    centres = new float[clusters][];
    directions = new float[clusters][topicDirections][];
    for (int c = 0; c < clusters; c++) {
      centres[c] = gaussian(random, 1 / Math.sqrt(dimensions));
      for (int d = 0; d < topicDirections; d++) {
        directions[c][d] = gaussian(random, 1 / Math.sqrt(dimensions));
      }
    }
  }

  int dimensions() {
    return dimensions;
  }

  /** The {@code i}-th vector of the collection. */
  float[] vector(long i) {
    return draw(new SplittableRandom(seed * 31 + i * 0x9E3779B97F4A7C15L));
  }

  /** A fresh vector from the same topics, not in the collection. */
  float[] query(long i) {
    return draw(new SplittableRandom(~seed * 17 + i * 0xC2B2AE3D27D4EB4FL));
  }

  private float[] draw(SplittableRandom random) {
    int c = random.nextInt(centres.length);
    float[] v = gaussian(random, noise);
    float[] centre = centres[c];
    for (int j = 0; j < dimensions; j++) {
      v[j] += centre[j];
    }
    for (float[] direction : directions[c]) {
      float a = (float) (random.nextGaussian() * spread);
      for (int j = 0; j < dimensions; j++) {
        v[j] += a * direction[j];
      }
    }
    return Embedder.normalized(v);
  }

  /** Independent normal components of deviation {@code sigma}. */
  private float[] gaussian(SplittableRandom random, double sigma) {
    float[] v = new float[dimensions];
    for (int j = 0; j < dimensions; j++) {
      v[j] = (float) (random.nextGaussian() * sigma);
    }
    return v;
  }
}
