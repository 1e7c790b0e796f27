package io.precis.chunking.clean;

/**
 * Counts occurrences of {@code long} keys in an open-addressing table, without boxing. Built for
 * keys that are already well-mixed hashes: the low bits pick the slot.
 */
final class LongIntCounter {
  private static final int MIN_CAPACITY = 16;

  private long[] keys;
  private int[] counts; // 0 marks an empty slot
  private int size;

  LongIntCounter(int expectedKeys) {
    int capacity = MIN_CAPACITY;
    while (capacity < expectedKeys * 2L && capacity < (1 << 30)) {
      capacity <<= 1;
    }
    keys = new long[capacity];
    counts = new int[capacity];
  }

  /** Adds one occurrence of the key and returns its count so far. */
  int increment(long key) {
    int slot = slot(keys, counts, key);
    if (counts[slot] == 0) {
      keys[slot] = key;
      size++;
      if (size * 2 > keys.length) {
        counts[slot] = 1;
        grow();
        return 1;
      }
    }
    return ++counts[slot];
  }

  /** How many times the key was added; 0 if never. */
  int count(long key) {
    return counts[slot(keys, counts, key)];
  }

  /** The number of distinct keys. */
  int size() {
    return size;
  }

  private static int slot(long[] keys, int[] counts, long key) {
    int mask = keys.length - 1;
    int slot = (int) (key ^ (key >>> 32)) & mask;
    while (counts[slot] != 0 && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldCounts = counts;
    keys = new long[oldKeys.length * 2];
    counts = new int[oldCounts.length * 2];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldCounts[i] != 0) {
        int slot = slot(keys, counts, oldKeys[i]);
        keys[slot] = oldKeys[i];
        counts[slot] = oldCounts[i];
      }
    }
  }
}
