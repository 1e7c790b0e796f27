package io.precis.core.model;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A MinHash signature of a text: for each of several hash functions, the smallest hash of the
 * text's word shingles. Two texts agree on about as many positions as the Jaccard similarity of
 * their shingle sets, which makes near-duplicates cheap to find.
 */
public record MinHash(int[] values) implements Serializable {
  public static final MinHash EMPTY = new MinHash(new int[0]);

  public MinHash {
    values = values.clone();
  }

  @Override
  public int[] values() {
    return values.clone();
  }

  /** The share of positions where the two signatures agree: an estimate of Jaccard similarity. */
  public double similarity(MinHash other) {
    if (values.length == 0 || values.length != other.values.length) {
      return 0;
    }
    int same = 0;
    for (int i = 0; i < values.length; i++) {
      if (values[i] == other.values[i]) {
        same++;
      }
    }
    return (double) same / values.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MinHash minHash && Arrays.equals(values, minHash.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "MinHash" + Arrays.toString(values);
  }
}
