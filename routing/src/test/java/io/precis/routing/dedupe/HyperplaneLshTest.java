package io.precis.routing.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.precis.routing.embed.Embedder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HyperplaneLshTest {
  @Test
  void everyInstanceDrawsTheSameHyperplanes() {
    float[] vector = unit(new SplittableRandom(3), 384);
    assertThat(new HyperplaneLsh(384, 8, 12).keys(vector))
        .isEqualTo(new HyperplaneLsh(384, 8, 12).keys(vector))
        .hasSize(8);
  }

  @Test
  void keysHoldTheGivenBits() {
    int[] keys = new HyperplaneLsh(384, 50, 5).keys(unit(new SplittableRandom(4), 384));
    for (int key : keys) {
      assertThat(key).isBetween(0, 31);
    }
  }

  @Test
  void aVectorOfAnotherLengthIsRefused() {
    assertThatThrownBy(() -> new HyperplaneLsh(384, 4, 8).keys(new float[10]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10 dimensions");
  }

  /** Pairs at a given cosine share a key in some table as often as the formula says. */
  @Test
  void collisionRateFollowsTheAngle() {
    int tables = 4;
    int bits = 10;
    HyperplaneLsh lsh = new HyperplaneLsh(384, tables, bits);
    SplittableRandom random = new SplittableRandom(11);
    for (double cosine : new double[] {0.5, 0.9, 0.97}) {
      int trials = 3000;
      int collided = 0;
      for (int t = 0; t < trials; t++) {
        float[] a = unit(random, 384);
        float[] b = atCosine(random, a, cosine);
        assertThat(Embedder.cosine(a, b)).isCloseTo(cosine, within(1e-4));
        int[] ka = lsh.keys(a);
        int[] kb = lsh.keys(b);
        for (int i = 0; i < tables; i++) {
          if (ka[i] == kb[i]) {
            collided++;
            break;
          }
        }
      }
      double expected = HyperplaneLsh.collisionProbability(cosine, tables, bits);
      assertThat((double) collided / trials)
          .as("cosine %s", cosine)
          .isCloseTo(expected, within(0.04));
    }
  }

  static float[] unit(SplittableRandom random, int dimensions) {
    float[] vector = new float[dimensions];
    for (int i = 0; i < dimensions; i++) {
      vector[i] = (float) gaussian(random);
    }
    return Embedder.normalized(vector);
  }

  /** A unit vector at the given cosine to the unit vector a. */
  static float[] atCosine(SplittableRandom random, float[] a, double cosine) {
    float[] w = unit(random, a.length);
    double dot = Embedder.cosine(a, w);
    for (int i = 0; i < w.length; i++) {
      w[i] -= (float) (dot * a[i]);
    }
    w = Embedder.normalized(w);
    double sine = Math.sqrt(1 - cosine * cosine);
    float[] b = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = (float) (cosine * a[i] + sine * w[i]);
    }
    return Embedder.normalized(b);
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
