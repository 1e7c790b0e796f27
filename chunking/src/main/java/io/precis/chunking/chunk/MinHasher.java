package io.precis.chunking.chunk;

import io.precis.core.model.MinHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Computes MinHash signatures over word shingles: the text is lower-cased and split into words
 * (letters and digits), every run of {@code shingleWords} consecutive words is hashed to 64 bits,
 * and for each of {@code hashes} functions (the shingle hash mixed with a per-function seed) the
 * smallest value is kept, as 32 bits. Deterministic across runs and JVMs; thread-safe.
 */
public final class MinHasher {
  private final int hashes;
  private final int shingleWords;
  private final long[] seeds;

  public MinHasher(int hashes, int shingleWords) {
    if (hashes < 1 || shingleWords < 1) {
      throw new IllegalArgumentException("hashes and shingleWords must be >= 1");
    }
    this.hashes = hashes;
    this.shingleWords = shingleWords;
    this.seeds = new long[hashes];
    long state = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < hashes; i++) {
      state += 0x9E3779B97F4A7C15L;
      seeds[i] = mix(state);
    }
  }

  public MinHash signature(String text) {
    List<String> words = words(text);
    long[] minimum = new long[hashes];
    Arrays.fill(minimum, Long.MAX_VALUE);
    int shingles = Math.max(1, words.size() - shingleWords + 1);
    StringBuilder shingle = new StringBuilder();
    for (int start = 0; start < shingles; start++) {
      shingle.setLength(0);
      for (int i = start; i < Math.min(words.size(), start + shingleWords); i++) {
        shingle.append(words.get(i)).append(' ');
      }
      long base = hash(shingle.toString());
      for (int i = 0; i < hashes; i++) {
        long value = mix(base ^ seeds[i]) & Long.MAX_VALUE;
        if (value < minimum[i]) {
          minimum[i] = value;
        }
      }
    }
    int[] signature = new int[hashes];
    for (int i = 0; i < hashes; i++) {
      signature[i] = (int) (minimum[i] >>> 31);
    }
    return new MinHash(signature);
  }

  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    String lower = text.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        word.append(c);
      } else if (word.length() > 0) {
        words.add(word.toString());
        word.setLength(0);
      }
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }

  /** FNV-1a over the UTF-8 bytes, then mixed. */
  private static long hash(String text) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return mix(hash);
  }

  /** The finalizer of MurmurHash3 (fmix64). */
  private static long mix(long value) {
    long k = value;
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
