package io.precis.chunking.clean;

import io.precis.core.config.CleaningSettings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fingerprints of the lines that are boilerplate across a job's documents (navigation menus,
 * footers, legal notices), from {@link LineFingerprints}. Immutable and compact (a sorted {@code
 * long[]}, 8 bytes an entry), so a Spark job can broadcast it to every task.
 *
 * <p>A fingerprint is boilerplate when it appears in at least {@link #minimumDocuments} of the
 * job's documents: both {@code boilerplate-min-documents} of them and the share {@code
 * boilerplate-document-share} of all of them.
 */
public final class BoilerplateSet implements Serializable {
  /** How many fingerprints {@link #from(Map, long, CleaningSettings)} keeps at most. */
  public static final int DEFAULT_MAX_ENTRIES = 100_000;

  private static final long serialVersionUID = 1L;
  private static final BoilerplateSet EMPTY = new BoilerplateSet(new long[0]);

  // Absorbs floating-point noise, so that a share of exactly 0.3 of 10 documents asks for 3.
  private static final double SHARE_TOLERANCE = 1e-9;

  private final long[] fingerprints; // ascending, distinct

  private BoilerplateSet(long[] fingerprints) {
    this.fingerprints = fingerprints;
  }

  /** The set that holds nothing: cleaning then removes only repeats within a document. */
  public static BoilerplateSet empty() {
    return EMPTY;
  }

  /** The set of exactly these fingerprints, when the job has chosen them itself. */
  public static BoilerplateSet of(long... fingerprints) {
    Objects.requireNonNull(fingerprints, "fingerprints is null");
    long[] sorted = fingerprints.clone();
    Arrays.sort(sorted);
    int distinct = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (distinct == 0 || sorted[distinct - 1] != sorted[i]) {
        sorted[distinct++] = sorted[i];
      }
    }
    return distinct == 0 ? EMPTY : new BoilerplateSet(Arrays.copyOf(sorted, distinct));
  }

  /**
   * The boilerplate among counted fingerprints, keeping at most {@link #DEFAULT_MAX_ENTRIES}.
   *
   * @param documentCounts for each fingerprint, in how many of the job's documents it appears
   * @param documents how many documents the job has
   */
  public static BoilerplateSet from(
      Map<Long, Long> documentCounts, long documents, CleaningSettings settings) {
    return from(documentCounts, documents, settings, DEFAULT_MAX_ENTRIES);
  }

  /**
   * The boilerplate among counted fingerprints. When more than {@code maxEntries} qualify, the ones
   * found in the most documents are kept (ties go to the smaller fingerprint, so the choice is
   * deterministic). Empty when cleaning is disabled.
   */
  public static BoilerplateSet from(
      Map<Long, Long> documentCounts, long documents, CleaningSettings settings, int maxEntries) {
    Objects.requireNonNull(documentCounts, "documentCounts is null");
    Objects.requireNonNull(settings, "settings is null");
    if (maxEntries < 0) {
      throw new IllegalArgumentException("maxEntries is " + maxEntries + " but must be >= 0");
    }
    long minimum = minimumDocuments(documents, settings);
    if (!settings.enabled()) {
      return EMPTY;
    }
    List<Map.Entry<Long, Long>> qualifying = new ArrayList<>();
    for (Map.Entry<Long, Long> entry : documentCounts.entrySet()) {
      if (entry.getValue() >= minimum) {
        qualifying.add(entry);
      }
    }
    if (qualifying.size() > maxEntries) {
      qualifying.sort(
          Comparator.comparing((Map.Entry<Long, Long> entry) -> entry.getValue())
              .reversed()
              .thenComparing(Map.Entry::getKey));
      qualifying = qualifying.subList(0, maxEntries);
    }
    long[] chosen = new long[qualifying.size()];
    for (int i = 0; i < chosen.length; i++) {
      chosen[i] = qualifying.get(i).getKey();
    }
    return of(chosen);
  }

  /**
   * In how many documents a line must appear to be boilerplate in a job of {@code documents}
   * documents: {@code max(boilerplate-min-documents, ceil(boilerplate-document-share ×
   * documents))}. A Spark job can filter its counts with it before collecting them.
   */
  public static long minimumDocuments(long documents, CleaningSettings settings) {
    Objects.requireNonNull(settings, "settings is null");
    if (documents < 0) {
      throw new IllegalArgumentException("documents is " + documents + " but must be >= 0");
    }
    long byShare =
        (long) Math.ceil(settings.boilerplateDocumentShare() * documents - SHARE_TOLERANCE);
    return Math.max(settings.boilerplateMinDocuments(), byShare);
  }

  /** The fingerprints, in ascending order (a copy). */
  public long[] fingerprints() {
    return fingerprints.clone();
  }

  /** Whether lines with this fingerprint are boilerplate. */
  public boolean contains(long fingerprint) {
    return Arrays.binarySearch(fingerprints, fingerprint) >= 0;
  }

  /** The number of fingerprints. */
  public int size() {
    return fingerprints.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BoilerplateSet set && Arrays.equals(fingerprints, set.fingerprints);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(fingerprints);
  }

  @Override
  public String toString() {
    return "BoilerplateSet[" + fingerprints.length + " fingerprints]";
  }
}
