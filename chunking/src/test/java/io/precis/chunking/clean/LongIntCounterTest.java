package io.precis.chunking.clean;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LongIntCounterTest {
  @Test
  void countsEveryKeyThroughManyGrowths() {
    LongIntCounter counter = new LongIntCounter(1);
    for (long key = -5_000; key < 5_000; key++) {
      for (int time = 0; time < 1 + Math.floorMod(key, 3); time++) {
        counter.increment(key * 0x9E3779B97F4A7C15L);
      }
    }

    assertThat(counter.size()).isEqualTo(10_000);
    for (long key = -5_000; key < 5_000; key++) {
      assertThat(counter.count(key * 0x9E3779B97F4A7C15L)).isEqualTo(1 + Math.floorMod(key, 3));
    }
    assertThat(counter.count(1L)).isZero();
  }

  @Test
  void incrementReturnsTheCountSoFarForKeysThatShareSlots() {
    LongIntCounter counter = new LongIntCounter(16);
    long sameLowBits = 1L << 40;

    assertThat(counter.increment(0L)).isEqualTo(1);
    assertThat(counter.increment(sameLowBits)).isEqualTo(1);
    assertThat(counter.increment(0L)).isEqualTo(2);
    assertThat(counter.increment(sameLowBits)).isEqualTo(2);
    assertThat(counter.count(0L)).isEqualTo(2);
  }
}
