package io.precis.routing.index;

import static io.precis.routing.index.SnapshotWriter.EXPIRES;
import static io.precis.routing.index.SnapshotWriter.GUARDS;
import static io.precis.routing.index.SnapshotWriter.HASH;
import static io.precis.routing.index.SnapshotWriter.ID;
import static io.precis.routing.index.SnapshotWriter.SCOPE;
import static io.precis.routing.index.SnapshotWriter.SCOPE_HASH;
import static io.precis.routing.index.SnapshotWriter.SUMMARY;
import static io.precis.routing.index.SnapshotWriter.VECTOR;

import io.precis.core.errors.Errors;
import io.precis.routing.embed.Embedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * A published index snapshot, opened read-only: exact lookups by scope and text hash, and nearest
 * entries by vector, always inside one scope and never returning an expired entry. The Lucene files
 * are memory-mapped, so the vectors and the graph live in the page cache, not on the heap.
 *
 * <p>Thread-safe: open one per JVM and share it between tasks. {@link #close()} waits for no one: a
 * lookup running while the snapshot closes still finishes (the files are unmapped after the last
 * one), and a lookup started afterwards fails with {@link IllegalStateException}.
 *
 * <p>Before trusting any cosine, callers compare {@link #embedderId()} and {@link #dimensions()}
 * with their embedder's ({@link #requireEmbedder}).
 */
public final class IndexSnapshot implements AutoCloseable {
  /**
   * Fewest candidates the graph search collects, whatever {@code k}: Lucene's HNSW search keeps as
   * many candidates as it is asked for, and with one it easily stops at a local optimum. The
   * candidates are rescored on the float vectors and the best {@code k} returned.
   */
  static final int MIN_CANDIDATES = 50;

  /** One nearest entry and its cosine to the query vector, computed on the float vectors. */
  public record Match(IndexedEntry entry, double cosine) {}

  private final Path directory;
  private final SnapshotMetadata metadata;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final AtomicBoolean closed = new AtomicBoolean();

  private IndexSnapshot(Path directory, SnapshotMetadata metadata, DirectoryReader reader) {
    this.directory = directory;
    this.metadata = metadata;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    // Every query has its own expiry bound: nothing to gain from caching filters, only heap.
    this.searcher.setQueryCache(null);
  }

  /**
   * Opens the snapshot a {@link SnapshotWriter} wrote in {@code directory}.
   *
   * @throws io.precis.core.errors.PrecisException when the folder is missing, incomplete (its
   *     writer did not finish) or damaged
   */
  public static IndexSnapshot open(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw Errors.indexSnapshotUnreadable(directory, "no such folder");
    }
    SnapshotMetadata metadata;
    try {
      metadata = SnapshotMetadata.read(directory);
    } catch (IllegalStateException | IOException e) {
      throw Errors.indexSnapshotUnreadable(directory, e.getMessage());
    }
    DirectoryReader reader = null;
    try {
      Directory dir = FSDirectory.open(directory);
      try {
        reader = DirectoryReader.open(dir);
      } catch (IOException | RuntimeException e) {
        dir.close();
        throw e;
      }
      reader.getReaderCacheHelper().addClosedListener(key -> dir.close());
      check(reader, metadata);
      return new IndexSnapshot(directory, metadata, reader);
    } catch (IOException | IllegalStateException e) {
      closeQuietly(reader);
      throw Errors.indexSnapshotUnreadable(
          directory, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static void check(DirectoryReader reader, SnapshotMetadata metadata) {
    if (reader.numDocs() != metadata.entries()) {
      throw new IllegalStateException(
          SnapshotMetadata.FILE
              + " says "
              + metadata.entries()
              + " entries but the index holds "
              + reader.numDocs());
    }
    FieldInfo vectors = FieldInfos.getMergedFieldInfos(reader).fieldInfo(VECTOR);
    if (vectors != null && vectors.getVectorDimension() != metadata.dimensions()) {
      throw new IllegalStateException(
          SnapshotMetadata.FILE
              + " says "
              + metadata.dimensions()
              + " dimensions but the index holds vectors of "
              + vectors.getVectorDimension());
    }
  }

  /** The embedder that made the snapshot's vectors. */
  public String embedderId() {
    return metadata.embedderId();
  }

  /** The length of the snapshot's vectors. */
  public int dimensions() {
    return metadata.dimensions();
  }

  /** Entries in the snapshot, expired ones included. */
  public long size() {
    return reader.numDocs();
  }

  /** When the snapshot was written, in epoch milliseconds. */
  public long createdAtMillis() {
    return metadata.createdAtMillis();
  }

  public Path directory() {
    return directory;
  }

  /**
   * Fails unless the snapshot's vectors come from this embedder: cosines between vectors of two
   * embedders mean nothing.
   *
   * @throws io.precis.core.errors.PrecisException naming both embedders and the fix
   */
  public void requireEmbedder(String embedderId, int dimensions) {
    if (!metadata.embedderId().equals(embedderId) || metadata.dimensions() != dimensions) {
      throw Errors.indexSnapshotOtherEmbedder(
          directory, metadata.embedderId(), metadata.dimensions(), embedderId, dimensions);
    }
  }

  /**
   * The entry of this scope for this text hash that is not expired at {@code nowMillis}; of
   * several, the one that expires last. Reads no vector index, and returns the entry without its
   * vector.
   */
  public Optional<IndexedEntry> exact(String scopeKey, String textHash, long nowMillis) {
    Objects.requireNonNull(scopeKey, "scopeKey is null");
    Objects.requireNonNull(textHash, "textHash is null");
    if (nowMillis == Long.MAX_VALUE) {
      return Optional.empty();
    }
    acquire();
    try {
      Query query =
          new BooleanQuery.Builder()
              .add(
                  new TermQuery(new Term(SCOPE_HASH, SnapshotWriter.scopeHash(scopeKey, textHash))),
                  Occur.FILTER)
              .add(LongField.newRangeQuery(EXPIRES, nowMillis + 1, Long.MAX_VALUE), Occur.FILTER)
              .build();
      Sort latestExpiry =
          new Sort(LongField.newSortField(EXPIRES, true, SortedNumericSelector.Type.MAX));
      TopDocs top = searcher.search(query, 1, latestExpiry);
      if (top.scoreDocs.length == 0) {
        return Optional.empty();
      }
      int doc = top.scoreDocs[0].doc;
      IndexedEntry entry = load(searcher.storedFields(), doc, null);
      verify(entry, scopeKey, nowMillis);
      if (!entry.textHash().equals(textHash)) {
        throw new IllegalStateException("exact lookup returned another text hash");
      }
      return Optional.of(entry);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the index snapshot at " + directory, e);
    } finally {
      release();
    }
  }

  /**
   * The {@code k} entries of this scope nearest to {@code vector} that are not expired at {@code
   * nowMillis}, best first. Fewer when the scope holds fewer. An entry of another scope is never
   * returned: the scope is a filter of the graph search (and Lucene searches exactly, over the
   * scope's entries alone, when the scope is small).
   *
   * @param vector a unit-length vector of this snapshot's embedder
   */
  public List<Match> nearest(String scopeKey, float[] vector, int k, long nowMillis) {
    return nearest(scopeKey, vector, k, nowMillis, MIN_CANDIDATES);
  }

  /** {@link #nearest} with another floor on the graph search's candidates (for benchmarks). */
  List<Match> nearest(String scopeKey, float[] vector, int k, long nowMillis, int minCandidates) {
    Objects.requireNonNull(scopeKey, "scopeKey is null");
    if (vector.length != metadata.dimensions()) {
      throw new IllegalArgumentException(
          "a query vector of "
              + vector.length
              + " dimensions, but the snapshot holds vectors of "
              + metadata.dimensions()
              + " ("
              + metadata.embedderId()
              + ")");
    }
    double norm = Embedder.cosine(vector, vector);
    if (Math.abs(norm - 1) > SnapshotWriter.UNIT_TOLERANCE) {
      throw new IllegalArgumentException(
          "a query vector of squared length "
              + norm
              + " but the index compares unit-length vectors (Embedder.normalized)");
    }
    if (k < 1) {
      throw new IllegalArgumentException("k is " + k + " but must be at least 1");
    }
    if (nowMillis == Long.MAX_VALUE) {
      return List.of();
    }
    acquire();
    try {
      Query filter =
          new BooleanQuery.Builder()
              .add(new TermQuery(new Term(SCOPE, scopeKey)), Occur.FILTER)
              .add(LongField.newRangeQuery(EXPIRES, nowMillis + 1, Long.MAX_VALUE), Occur.FILTER)
              .build();
      int candidates = Math.max(k, minCandidates);
      TopDocs top =
          searcher.search(new KnnFloatVectorQuery(VECTOR, vector, candidates, filter), candidates);
      int[] docs = Arrays.stream(top.scoreDocs).mapToInt(sd -> sd.doc).toArray();
      float[][] found = vectors(docs);
      Integer[] order = new Integer[docs.length];
      double[] cosines = new double[docs.length];
      for (int i = 0; i < docs.length; i++) {
        order[i] = i;
        cosines[i] = Embedder.cosine(vector, found[i]);
      }
      Arrays.sort(
          order,
          Comparator.<Integer>comparingDouble(i -> -cosines[i]).thenComparingInt(i -> docs[i]));
      StoredFields stored = searcher.storedFields();
      List<Match> matches = new ArrayList<>(Math.min(k, docs.length));
      for (int n = 0; n < Math.min(k, docs.length); n++) {
        int i = order[n];
        IndexedEntry entry = load(stored, docs[i], found[i]);
        verify(entry, scopeKey, nowMillis);
        matches.add(new Match(entry, cosines[i]));
      }
      return matches;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the index snapshot at " + directory, e);
    } finally {
      release();
    }
  }

  /** The float vectors of these (global) doc ids, read in doc order from each segment. */
  private float[][] vectors(int[] docs) throws IOException {
    Integer[] byDoc = new Integer[docs.length];
    for (int i = 0; i < docs.length; i++) {
      byDoc[i] = i;
    }
    Arrays.sort(byDoc, Comparator.comparingInt(i -> docs[i]));
    List<LeafReaderContext> leaves = reader.leaves();
    float[][] out = new float[docs.length][];
    LeafReaderContext leaf = null;
    FloatVectorValues values = null;
    for (int i : byDoc) {
      LeafReaderContext at = leaves.get(ReaderUtil.subIndex(docs[i], leaves));
      if (at != leaf) {
        leaf = at;
        values = at.reader().getFloatVectorValues(VECTOR);
      }
      int local = docs[i] - at.docBase;
      if (values == null
          || (values.docID() < local ? values.advance(local) : values.docID()) != local) {
        throw new IllegalStateException("entry at doc " + docs[i] + " has no vector");
      }
      out[i] = values.vectorValue().clone();
    }
    return out;
  }

  private static IndexedEntry load(StoredFields stored, int doc, float[] vector)
      throws IOException {
    Document d = stored.document(doc);
    return new IndexedEntry(
        d.get(ID),
        d.get(SCOPE),
        d.get(HASH),
        vector,
        d.get(SUMMARY),
        d.get(GUARDS),
        d.getField(EXPIRES).numericValue().longValue());
  }

  /** A last check on what Lucene found: a wrong-scope or expired entry is a bug, never a hit. */
  private static void verify(IndexedEntry entry, String scopeKey, long nowMillis) {
    if (!entry.scopeKey().equals(scopeKey)) {
      throw new IllegalStateException(
          "the index returned entry " + entry.entryId() + " of another scope");
    }
    if (entry.expiredAt(nowMillis)) {
      throw new IllegalStateException("the index returned expired entry " + entry.entryId());
    }
  }

  private void acquire() {
    if (closed.get() || !reader.tryIncRef()) {
      throw new IllegalStateException("the index snapshot at " + directory + " is closed");
    }
  }

  private void release() {
    try {
      reader.decRef();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the index snapshot at " + directory, e);
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      release();
    }
  }

  private static void closeQuietly(DirectoryReader reader) {
    if (reader != null) {
      try {
        reader.close();
      } catch (IOException | RuntimeException ignored) {
        // already failing with a better message
      }
    }
  }
}
