package io.precis.routing.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BucketPairsTest {
  @Test
  void aSmallBucketComparesEveryPairOnce() {
    for (int size = 0; size <= 9; size++) {
      Set<Long> pairs = visit(size, 4);
      assertThat(pairs).hasSize(size * (size - 1) / 2);
      assertThat(BucketPairs.count(size, 4)).isEqualTo(pairs.size());
    }
  }

  @Test
  void aLargeBucketComparesTheLeadersAndTheWindowOnly() {
    int size = 10_000;
    int limit = 8;
    Set<Long> pairs = visit(size, limit);

    assertThat((long) pairs.size()).isEqualTo(BucketPairs.count(size, limit));
    assertThat(pairs.size()).isLessThanOrEqualTo(2 * limit * size);
    for (int later = 1; later < size; later += 97) {
      for (int earlier = 0; earlier < later; earlier++) {
        boolean expected = earlier < limit || later - earlier <= limit;
        assertThat(pairs.contains(key(earlier, later))).isEqualTo(expected);
      }
    }
  }

  private static Set<Long> visit(int size, int limit) {
    Set<Long> pairs = new HashSet<>();
    BucketPairs.forEach(
        size,
        limit,
        (earlier, later) -> {
          assertThat(earlier).isLessThan(later);
          assertThat(pairs.add(key(earlier, later))).as("visited twice").isTrue();
        });
    return pairs;
  }

  private static long key(int earlier, int later) {
    return ((long) earlier << 32) | later;
  }
}
