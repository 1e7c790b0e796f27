package io.precis.routing.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MinHashBandsTest {
  private final MinHashBands bands = new MinHashBands(16);

  @Test
  void aChangedValueChangesOnlyTheKeyOfItsBand() {
    int[] signature = random(new SplittableRandom(1), 64);
    int[] changed = signature.clone();
    changed[21]++; // band 5 of 16 bands of 4 rows

    long[] a = bands.keys(signature);
    long[] b = bands.keys(changed);

    assertThat(a).hasSize(16);
    for (int band = 0; band < 16; band++) {
      if (band == 5) {
        assertThat(a[band]).isNotEqualTo(b[band]);
      } else {
        assertThat(a[band]).isEqualTo(b[band]);
      }
    }
  }

  @Test
  void equalValuesInDifferentBandsGiveDifferentKeys() {
    int[] signature = new int[64];
    long[] keys = bands.keys(signature);
    assertThat(keys[0]).isNotEqualTo(keys[1]);
  }

  @Test
  void shortAndEmptySignatures() {
    assertThat(bands.keys(new int[0])).isEmpty();
    assertThat(bands.keys(new int[] {1, 2, 3})).hasSize(3);
  }

  @Test
  void jaccardIsTheShareOfAgreeingPositions() {
    assertThat(MinHashBands.jaccard(new int[] {1, 2, 3, 4}, new int[] {1, 2, 0, 4}))
        .isEqualTo(0.75);
    assertThat(MinHashBands.jaccard(new int[0], new int[0])).isZero();
    assertThat(MinHashBands.jaccard(new int[] {1}, new int[] {1, 2})).isZero();
  }

  /** Pairs that agree on each position with probability s collide as 1 - (1 - s^4)^16 says. */
  @Test
  void candidateRateFollowsTheBandingCurve() {
    SplittableRandom random = new SplittableRandom(7);
    for (double s : new double[] {0.3, 0.5, 0.8}) {
      int trials = 4000;
      int collided = 0;
      for (int t = 0; t < trials; t++) {
        int[] a = random(random, 64);
        int[] b = a.clone();
        for (int i = 0; i < 64; i++) {
          if (random.nextDouble() >= s) {
            b[i] = random.nextInt();
          }
        }
        if (shareAKey(bands.keys(a), bands.keys(b))) {
          collided++;
        }
      }
      double expected = 1 - Math.pow(1 - Math.pow(s, 4), 16);
      assertThat((double) collided / trials).as("s=%s", s).isCloseTo(expected, within(0.03));
    }
  }

  private static boolean shareAKey(long[] a, long[] b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b[i]) {
        return true;
      }
    }
    return false;
  }

  private static int[] random(SplittableRandom random, int length) {
    int[] values = new int[length];
    for (int i = 0; i < length; i++) {
      values[i] = random.nextInt();
    }
    return values;
  }
}
