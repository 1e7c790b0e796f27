package io.precis.routing.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogByteSizeMergePolicy;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Builds an index snapshot: a folder holding one Lucene segment (HNSW graph over the entries'
 * vectors, stored fields for what a lookup returns, terms for scope and scope+text hash) and a
 * metadata file naming the embedder. A snapshot is written once and only read afterwards, so it is
 * force-merged to one segment: a query then walks one graph instead of one per segment.
 *
 * <p>The HNSW graph is built as documents are added, so building is CPU-bound; {@link
 * Options#threads()} index threads and as many merge workers share the work.
 */
public final class SnapshotWriter {
  static final String ID = "id";
  static final String SCOPE = "scope";
  static final String SCOPE_HASH = "scope_hash";
  static final String HASH = "hash";
  static final String SUMMARY = "summary";
  static final String GUARDS = "guards";
  static final String EXPIRES = "expires";
  static final String VECTOR = "vector";

  /** Lucene accepts no more dimensions for float vectors. */
  static final int MAX_DIMENSIONS = 1024;

  /** Largest deviation of a vector's squared norm from 1 that still counts as unit length. */
  static final double UNIT_TOLERANCE = 1e-3;

  private static final int BATCH = 512;

  private SnapshotWriter() {}

  /** How the graph stores vectors for search; the raw floats are kept in both cases. */
  public enum Quantization {
    /** Search on the float vectors. */
    NONE,
    /**
     * Search on int8 copies (Lucene's scalar quantization): a quarter of the bytes per vector to
     * read, at the cost of a second copy on disk and approximate scores (the index rescores the
     * candidates on the floats).
     */
    INT8
  }

  /**
   * How to build.
   *
   * @param quantization the vectors the graph searches
   * @param ramBufferMb memory for documents (all threads together) before Lucene writes a segment;
   *     larger means fewer segments, and less of the graph rebuilt when they are merged into one
   *     (Lucene 9 keeps the graph of the largest segment and inserts the others' vectors again)
   * @param threads threads adding documents (each builds its own graph) and merging graphs
   */
  public record Options(Quantization quantization, int ramBufferMb, int threads) {
    public Options {
      Objects.requireNonNull(quantization, "quantization is null");
      if (ramBufferMb < 16) {
        throw new IllegalArgumentException(
            "ramBufferMb is " + ramBufferMb + " but must be at least 16");
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads is " + threads + " but must be at least 1");
      }
    }

    /**
     * No quantization, at most two threads, and a quarter of the heap for the buffer (at most what
     * Lucene lets each thread hold).
     */
    public static Options defaults() {
      int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
      long quarterMb = Runtime.getRuntime().maxMemory() / 4 / (1024 * 1024);
      long perThreadMb = IndexWriterConfig.DEFAULT_RAM_PER_THREAD_HARD_LIMIT_MB;
      int ram = (int) Math.max(16, Math.min(quarterMb, threads * perThreadMb));
      return new Options(Quantization.NONE, ram, threads);
    }

    public Options withQuantization(Quantization q) {
      return new Options(q, ramBufferMb, threads);
    }

    public Options withRamBufferMb(int mb) {
      return new Options(quantization, mb, threads);
    }

    public Options withThreads(int n) {
      return new Options(quantization, ramBufferMb, n);
    }
  }

  /**
   * What a build wrote.
   *
   * @param entries documents in the snapshot
   * @param bytes size of the folder
   * @param segmentsBeforeMerge segments Lucene flushed while documents were added
   * @param addMillis time to add the documents (building the graphs of the flushed segments)
   * @param mergeMillis time to merge them into one segment (one graph)
   */
  public record Written(
      long entries, long bytes, int segmentsBeforeMerge, long addMillis, long mergeMillis) {}

  /** Builds a snapshot with {@link Options#defaults()}. */
  public static Written write(
      Path directory, Iterator<IndexedEntry> entries, String embedderId, int dimensions)
      throws IOException {
    return write(directory, entries, embedderId, dimensions, Options.defaults());
  }

  /**
   * Builds a snapshot of the entries in {@code directory}, which must not exist or be empty.
   *
   * @param embedderId the embedder that made every vector ({@code Embedder.id()})
   * @param dimensions the length of every vector
   * @throws IllegalArgumentException when an entry's vector has another length or is not unit
   *     length (it was made by another embedder, or not normalized)
   */
  public static Written write(
      Path directory,
      Iterator<IndexedEntry> entries,
      String embedderId,
      int dimensions,
      Options options)
      throws IOException {
    if (embedderId == null || embedderId.isBlank()) {
      throw new IllegalArgumentException("embedderId is blank");
    }
    if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
      throw new IllegalArgumentException(
          "dimensions is " + dimensions + " but must be between 1 and " + MAX_DIMENSIONS);
    }
    requireEmpty(directory);
    boolean written = false;
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(), SnapshotWriter::daemon);
    try (Directory dir = FSDirectory.open(directory);
        IndexWriter writer = new IndexWriter(dir, config(options, pool))) {
      long start = System.nanoTime();
      long count = add(writer, entries, dimensions, pool, options.threads());
      writer.commit();
      int segments = SegmentInfos.readLatestCommit(dir).size();
      long merging = System.nanoTime();
      writer.forceMerge(1);
      writer.commit();
      long done = System.nanoTime();
      new SnapshotMetadata(
              SnapshotMetadata.FORMAT,
              embedderId,
              dimensions,
              count,
              System.currentTimeMillis(),
              options.quantization())
          .write(directory);
      written = true;
      return new Written(
          count,
          folderBytes(directory),
          segments,
          (merging - start) / 1_000_000,
          (done - merging) / 1_000_000);
    } finally {
      pool.shutdownNow();
      if (!written) {
        deleteContents(directory);
      }
    }
  }

  /** Best effort: a failed build leaves no half-written snapshot behind. */
  private static void deleteContents(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
    } catch (IOException ignored) {
      // the folder holds no metadata file, so no reader takes it for a snapshot
    }
  }

  private static IndexWriterConfig config(Options options, ExecutorService pool) {
    int workers = options.threads();
    ExecutorService mergeExec = workers > 1 ? pool : null;
    KnnVectorsFormat format =
        switch (options.quantization()) {
          case NONE ->
              new Lucene99HnswVectorsFormat(
                  Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN,
                  Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH,
                  workers,
                  mergeExec);
          case INT8 ->
              new Lucene99HnswScalarQuantizedVectorsFormat(
                  Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN,
                  Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH,
                  workers,
                  7,
                  false,
                  null,
                  mergeExec);
        };
    // Merges only when asked (forceMerge): segments merged early would rebuild their graph twice.
    LogByteSizeMergePolicy merges = new LogByteSizeMergePolicy();
    merges.setMergeFactor(1000);
    return new IndexWriterConfig()
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
        .setCodec(
            new Lucene912Codec() {
              @Override
              public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
              }
            })
        .setRAMBufferSizeMB(options.ramBufferMb())
        .setUseCompoundFile(false)
        .setMergePolicy(merges)
        .setCommitOnClose(false);
  }

  /** Adds the entries in batches on {@code threads} threads; the iterator is read on this one. */
  private static long add(
      IndexWriter writer,
      Iterator<IndexedEntry> entries,
      int dimensions,
      ExecutorService pool,
      int threads)
      throws IOException {
    List<Future<?>> inFlight = new ArrayList<>();
    long count = 0;
    try {
      count = submit(writer, entries, dimensions, pool, threads, inFlight);
    } finally {
      // On failure too: the writer must not close under a thread still adding to it.
      for (Future<?> f : inFlight) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException ignored) {
          // reported below, or a consequence of the first failure
        }
      }
    }
    for (Future<?> f : inFlight) {
      await(f);
    }
    return count;
  }

  private static long submit(
      IndexWriter writer,
      Iterator<IndexedEntry> entries,
      int dimensions,
      ExecutorService pool,
      int threads,
      List<Future<?>> inFlight)
      throws IOException {
    long count = 0;
    while (entries.hasNext()) {
      List<Document> batch = new ArrayList<>(BATCH);
      while (batch.size() < BATCH && entries.hasNext()) {
        batch.add(document(entries.next(), dimensions));
      }
      count += batch.size();
      if (inFlight.size() >= 2 * threads) {
        await(inFlight.remove(0));
      }
      inFlight.add(
          pool.submit(
              () -> {
                for (Document d : batch) {
                  try {
                    writer.addDocument(d);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }
              }));
    }
    return count;
  }

  private static Document document(IndexedEntry e, int dimensions) {
    float[] v = e.vector();
    if (v != null && v.length != dimensions) {
      throw new IllegalArgumentException(
          "entry "
              + e.entryId()
              + " has a vector of "
              + v.length
              + " dimensions but the snapshot is built for "
              + dimensions
              + ": its vector comes from another embedder");
    }
    double norm = 1;
    if (v != null) {
      norm = 0;
      for (float x : v) {
        norm += x * x;
      }
    }
    if (Math.abs(norm - 1) > UNIT_TOLERANCE) {
      throw new IllegalArgumentException(
          "entry "
              + e.entryId()
              + " has a vector of squared length "
              + norm
              + " but the index compares unit-length vectors (Embedder.normalized)");
    }
    Document d = new Document();
    d.add(new StringField(ID, e.entryId(), Field.Store.YES));
    d.add(new StringField(SCOPE, e.scopeKey(), Field.Store.YES));
    d.add(new StringField(SCOPE_HASH, scopeHash(e.scopeKey(), e.textHash()), Field.Store.NO));
    d.add(new StoredField(HASH, e.textHash()));
    d.add(new StoredField(SUMMARY, e.summary()));
    d.add(new StoredField(GUARDS, e.guardFeatures()));
    d.add(new LongField(EXPIRES, e.expiresAtMillis(), Field.Store.YES));
    if (v != null) { // without one, the entry is found by its text hash only
      d.add(new KnnFloatVectorField(VECTOR, v, VectorSimilarityFunction.DOT_PRODUCT));
    }
    return d;
  }

  /** The term of a scope and a text hash (a scope key is hex, so '/' cannot be part of it). */
  static String scopeHash(String scopeKey, String textHash) {
    return scopeKey + "/" + textHash;
  }

  private static void await(Future<?> f) throws IOException {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while building the snapshot", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(cause);
    }
  }

  private static void requireEmpty(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      try (Stream<Path> files = Files.list(directory)) {
        if (files.findAny().isPresent()) {
          throw new IllegalArgumentException(
              directory
                  + " is not empty: a snapshot is written once, into a new folder of its own");
        }
      }
    }
    Files.createDirectories(directory);
  }

  static long folderBytes(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      long bytes = 0;
      for (Path f : (Iterable<Path>) files::iterator) {
        bytes += Files.size(f);
      }
      return bytes;
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "precis-index-writer");
    t.setDaemon(true);
    return t;
  }
}
