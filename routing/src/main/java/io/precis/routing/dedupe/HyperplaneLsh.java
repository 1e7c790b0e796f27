package io.precis.routing.dedupe;

import java.io.Serializable;

/**
 * Random-hyperplane LSH (SimHash) for unit vectors: each of {@code tables} tables keys a vector by
 * the signs of its projections on {@code bits} random Gaussian directions. Two vectors at angle θ
 * agree on one sign with probability {@code p = 1 - θ/π} (0.856 at cosine 0.90, 0.899 at 0.95), so
 * they share a key in at least one table with probability {@code 1 - (1 - p^bits)^tables}. The
 * directions come from a fixed seed through SplitMix64 and {@link StrictMath}: every JVM of a
 * cluster draws the same ones, which keeps the dedupe deterministic.
 */
public final class HyperplaneLsh implements Serializable {
  /** The seed of the directions; changing it changes which candidates are found. */
  public static final long SEED = 0x5EED_D3D0_9E37L;

  private final int dimensions;
  private final int tables;
  private final int bits;
  private final float[][] directions;

  public HyperplaneLsh(int dimensions, int tables, int bits) {
    if (dimensions < 1 || tables < 1 || bits < 1 || bits > 31) {
      throw new IllegalArgumentException(
          "need dimensions >= 1, tables >= 1 and bits in 1..31, got "
              + dimensions
              + ", "
              + tables
              + ", "
              + bits);
    }
    this.dimensions = dimensions;
    this.tables = tables;
    this.bits = bits;
    this.directions = new float[tables * bits][dimensions];
    long state = SEED;
    for (float[] direction : directions) {
      for (int i = 0; i < dimensions; i += 2) {
        state += 0x9E3779B97F4A7C15L;
        double u1 = ((MinHashBands.mix(state) >>> 11) + 1) * 0x1.0p-53; // (0, 1]
        state += 0x9E3779B97F4A7C15L;
        double u2 = (MinHashBands.mix(state) >>> 11) * 0x1.0p-53;
        double radius = StrictMath.sqrt(-2 * StrictMath.log(u1));
        direction[i] = (float) (radius * StrictMath.cos(2 * Math.PI * u2));
        if (i + 1 < dimensions) {
          direction[i + 1] = (float) (radius * StrictMath.sin(2 * Math.PI * u2));
        }
      }
    }
  }

  public int dimensions() {
    return dimensions;
  }

  public int tables() {
    return tables;
  }

  /** The key of the vector in each table: its {@code bits} signs as the low bits of an int. */
  public int[] keys(float[] vector) {
    if (vector.length != dimensions) {
      throw new IllegalArgumentException(
          "vector of " + vector.length + " dimensions, the hyperplanes have " + dimensions);
    }
    int[] keys = new int[tables];
    for (int table = 0; table < tables; table++) {
      int key = 0;
      for (int bit = 0; bit < bits; bit++) {
        float[] direction = directions[table * bits + bit];
        double dot = 0;
        for (int i = 0; i < dimensions; i++) {
          dot += direction[i] * vector[i];
        }
        key = (key << 1) | (dot >= 0 ? 1 : 0);
      }
      keys[table] = key;
    }
    return keys;
  }

  /** The chance that two vectors of the given cosine share a key in at least one table. */
  public static double collisionProbability(double cosine, int tables, int bits) {
    double p = 1 - Math.acos(Math.max(-1, Math.min(1, cosine))) / Math.PI;
    return 1 - Math.pow(1 - Math.pow(p, bits), tables);
  }
}
