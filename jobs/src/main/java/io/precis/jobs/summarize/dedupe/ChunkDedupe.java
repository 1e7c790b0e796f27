package io.precis.jobs.summarize.dedupe;

import io.precis.core.config.DedupeSettings;
import io.precis.core.config.EmbedderSettings;
import io.precis.routing.dedupe.BucketPairs;
import io.precis.routing.dedupe.HyperplaneLsh;
import io.precis.routing.dedupe.MinHashBands;
import io.precis.routing.dedupe.PairVeto;
import io.precis.routing.dedupe.RepresentativeRule;
import io.precis.routing.dedupe.RepresentativeRule.Neighbour;
import io.precis.routing.dedupe.RepresentativeRule.State;
import io.precis.routing.dedupe.RepresentativeRule.Verdict;
import io.precis.routing.dedupe.SimilarityEdge;
import io.precis.routing.embed.Embedder;
import io.precis.routing.embed.Embedders;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.Optional;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * The in-run dedupe of summarize-corpus: among the chunks of one job, cheapest test first, each on
 * the chunks the previous one left as representatives.
 *
 * <ol>
 *   <li>Exact: chunks of one scope with equal {@code textHash}; the smallest chunk id represents
 *       them.
 *   <li>Near: MinHash LSH bands give candidate pairs, verified on the whole signature (estimated
 *       Jaccard at least {@code near-threshold}) and by the pair veto.
 *   <li>Semantic (when {@code dedupe.semantic}): the remaining chunks are embedded on the executors
 *       ({@link Embedders#shared}, in batches), random-hyperplane LSH gives candidate pairs,
 *       verified by cosine (at least {@code semantic-threshold}) and by the pair veto.
 * </ol>
 *
 * <p>Within a stage {@link RepresentativeRule} picks representatives from the verified edges in a
 * fixed number of rounds of joins. Across stages no duplicate is left pointing at a chunk that is
 * not summarized: an exact copy follows its representative's fate (its text is the same), and a
 * near duplicate whose representative became a semantic duplicate is re-verified (Jaccard and veto)
 * against the new representative, or else summarized itself. So every DUPLICATE names a
 * representative it was itself verified similar to.
 *
 * <p>Everything runs as Spark shuffles keyed by scope and LSH bucket: no stage collects vectors or
 * chunks on the driver. LSH buckets are compared within the bound of {@link BucketPairs}. The
 * decisions depend only on the input (chunk ids order every choice), not on its partitioning.
 */
public final class ChunkDedupe {
  private ChunkDedupe() {}

  /**
   * Exactly one decision per item. Chunk ids must be unique within the items.
   *
   * @param embedder how chunks without a vector are embedded for the semantic stage
   * @param veto a pair it objects to is never a near or semantic duplicate
   * @param partitions partitions of every shuffle of the stage
   */
  public static JavaRDD<DedupeDecision> run(
      JavaRDD<DedupeItem> items,
      DedupeSettings settings,
      EmbedderSettings embedder,
      PairVeto veto,
      int partitions) {
    return run(items, settings, embedder, veto, partitions, null);
  }

  /** As {@link #run}, counting the pairs compared in LSH buckets into {@code compared}. */
  static JavaRDD<DedupeDecision> run(
      JavaRDD<DedupeItem> items,
      DedupeSettings settings,
      EmbedderSettings embedder,
      PairVeto veto,
      int partitions,
      LongAccumulator compared) {
    if (!settings.enabled()) {
      return items.map(item -> DedupeDecision.representative(item.chunkId(), item.vector()));
    }
    // Exact: one group per scope and normalized text.
    JavaRDD<ExactGroup> groups =
        items
            .mapToPair(item -> new Tuple2<>(item.scopeKey() + '\u0000' + item.textHash(), item))
            .combineByKey(ExactGroup::new, ExactGroup::add, ExactGroup::merge, partitions)
            .values()
            .persist(StorageLevel.MEMORY_AND_DISK());
    JavaPairRDD<String, DedupeItem> survivors =
        groups.mapToPair(g -> new Tuple2<>(g.representative.chunkId(), g.representative));
    JavaPairRDD<String, String> copies = groups.flatMapToPair(ExactGroup::copies);

    // Near.
    JavaRDD<SimilarityEdge> nearEdges =
        vetoed(nearEdges(survivors.values(), settings, partitions, compared), survivors, veto);
    JavaPairRDD<String, Tuple2<DedupeItem, Optional<Verdict>>> nearJudged =
        survivors
            .leftOuterJoin(duplicates(nearEdges, partitions), partitions)
            .persist(StorageLevel.MEMORY_AND_DISK());

    JavaPairRDD<String, DedupeDecision> decided;
    if (!settings.semantic()) {
      decided =
          nearJudged.mapValues(
              t ->
                  t._2.isPresent()
                      ? duplicate(t._1.chunkId(), t._2.get(), DedupeStage.NEAR, t._1.vector())
                      : DedupeDecision.representative(t._1.chunkId(), t._1.vector()));
    } else {
      decided = semantic(nearJudged, survivors, settings, embedder, veto, partitions, compared);
    }

    // An exact copy follows its representative: the same text is as similar to the target.
    JavaRDD<DedupeDecision> copyDecisions =
        copies
            .join(decided, partitions)
            .map(
                t -> {
                  String copy = t._2._1;
                  DedupeDecision of = t._2._2;
                  return of.duplicate()
                      ? new DedupeDecision(
                          copy, of.duplicateOf(), of.stage(), of.similarity(), null)
                      : new DedupeDecision(copy, t._1, DedupeStage.EXACT, 1.0, null);
                });
    return decided.values().union(copyDecisions);
  }

  private static JavaPairRDD<String, DedupeDecision> semantic(
      JavaPairRDD<String, Tuple2<DedupeItem, Optional<Verdict>>> nearJudged,
      JavaPairRDD<String, DedupeItem> survivors,
      DedupeSettings settings,
      EmbedderSettings embedder,
      PairVeto veto,
      int partitions,
      LongAccumulator compared) {
    JavaPairRDD<String, DedupeItem> embedded =
        embed(nearJudged.filter(t -> !t._2._2.isPresent()).values().map(t -> t._1), embedder)
            .mapToPair(item -> new Tuple2<>(item.chunkId(), item))
            .persist(StorageLevel.MEMORY_AND_DISK());
    JavaRDD<SimilarityEdge> edges =
        vetoed(semanticEdges(embedded.values(), settings, partitions, compared), embedded, veto);
    JavaPairRDD<String, Verdict> semanticDuplicates = duplicates(edges, partitions);

    JavaPairRDD<String, DedupeDecision> representatives =
        embedded
            .leftOuterJoin(semanticDuplicates, partitions)
            .mapValues(
                t ->
                    t._2.isPresent()
                        ? duplicate(t._1.chunkId(), t._2.get(), DedupeStage.SEMANTIC, t._1.vector())
                        : DedupeDecision.representative(t._1.chunkId(), t._1.vector()));

    // Near duplicates, keyed by their representative: does it stay one?
    JavaPairRDD<String, Tuple2<Tuple2<DedupeItem, Verdict>, Optional<Verdict>>> nearDuplicates =
        nearJudged
            .filter(t -> t._2._2.isPresent())
            .mapToPair(
                t ->
                    new Tuple2<>(t._2._2.get().duplicateOf(), new Tuple2<>(t._2._1, t._2._2.get())))
            .leftOuterJoin(semanticDuplicates, partitions);
    JavaPairRDD<String, DedupeDecision> stayed =
        nearDuplicates
            .filter(t -> !t._2._2.isPresent())
            .mapToPair(
                t -> {
                  DedupeItem item = t._2._1._1;
                  return new Tuple2<>(
                      item.chunkId(),
                      duplicate(item.chunkId(), t._2._1._2, DedupeStage.NEAR, item.vector()));
                });
    // Its representative became a semantic duplicate: verify against the new representative.
    double nearThreshold = settings.nearThreshold();
    JavaRDD<Tuple2<DedupeItem, DedupeDecision>> moved =
        nearDuplicates
            .filter(t -> t._2._2.isPresent())
            .mapToPair(t -> new Tuple2<>(t._2._2.get().duplicateOf(), t._2._1._1))
            .join(survivors, partitions)
            .values()
            .map(
                t -> {
                  DedupeItem item = t._1;
                  DedupeItem target = t._2;
                  double jaccard = MinHashBands.jaccard(item.minhash(), target.minhash());
                  if (jaccard >= nearThreshold
                      && veto.reason(item.text(), target.text()).isEmpty()) {
                    Verdict verdict = new Verdict(State.DUPLICATE, target.chunkId(), jaccard);
                    return new Tuple2<>(
                        item, duplicate(item.chunkId(), verdict, DedupeStage.NEAR, item.vector()));
                  }
                  return new Tuple2<DedupeItem, DedupeDecision>(item, null);
                })
            .persist(StorageLevel.MEMORY_AND_DISK());
    JavaPairRDD<String, DedupeDecision> followed =
        moved.filter(t -> t._2 != null).mapToPair(t -> new Tuple2<>(t._1.chunkId(), t._2));
    JavaPairRDD<String, DedupeDecision> promoted =
        embed(moved.filter(t -> t._2 == null).map(t -> t._1), embedder)
            .mapToPair(
                item ->
                    new Tuple2<>(
                        item.chunkId(),
                        DedupeDecision.representative(item.chunkId(), item.vector())))
            .persist(StorageLevel.MEMORY_AND_DISK());
    return representatives.union(stayed).union(followed).union(promoted);
  }

  private static DedupeDecision duplicate(
      String chunkId, Verdict verdict, DedupeStage stage, float[] vector) {
    return new DedupeDecision(chunkId, verdict.duplicateOf(), stage, verdict.similarity(), vector);
  }

  /** Verified near-duplicate edges among the items: MinHash LSH bands, then the signatures. */
  static JavaRDD<SimilarityEdge> nearEdges(
      JavaRDD<DedupeItem> items,
      DedupeSettings settings,
      int partitions,
      LongAccumulator compared) {
    MinHashBands banding = new MinHashBands(settings.nearBands());
    double threshold = settings.nearThreshold();
    int limit = settings.bucketLimit();
    return items
        .flatMapToPair(
            item -> {
              long[] keys = banding.keys(item.minhash());
              List<Tuple2<BucketKey, Member<int[]>>> out = new ArrayList<>(keys.length);
              for (int band = 0; band < keys.length; band++) {
                out.add(
                    new Tuple2<>(
                        new BucketKey(item.scopeKey(), band, keys[band]),
                        new Member<>(item.chunkId(), item.minhash())));
              }
              return out.iterator();
            })
        .groupByKey(partitions)
        .flatMap(
            bucket ->
                verify(
                    bucket._2,
                    limit,
                    compared,
                    (a, b) -> {
                      double similarity = MinHashBands.jaccard(a, b);
                      return similarity >= threshold ? similarity : -1;
                    }))
        .distinct(partitions);
  }

  /** Verified semantic edges among embedded items: hyperplane LSH tables, then the cosines. */
  static JavaRDD<SimilarityEdge> semanticEdges(
      JavaRDD<DedupeItem> embedded,
      DedupeSettings settings,
      int partitions,
      LongAccumulator compared) {
    int tables = settings.semanticTables();
    int bits = settings.semanticBits();
    double threshold = settings.semanticThreshold();
    int limit = settings.bucketLimit();
    return embedded
        .mapPartitionsToPair(
            items -> {
              List<Tuple2<BucketKey, Member<float[]>>> out = new ArrayList<>();
              HyperplaneLsh lsh = null;
              while (items.hasNext()) {
                DedupeItem item = items.next();
                if (lsh == null) {
                  lsh = new HyperplaneLsh(item.vector().length, tables, bits);
                }
                int[] keys = lsh.keys(item.vector());
                for (int table = 0; table < keys.length; table++) {
                  out.add(
                      new Tuple2<>(
                          new BucketKey(item.scopeKey(), table, keys[table]),
                          new Member<>(item.chunkId(), item.vector())));
                }
              }
              return out.iterator();
            })
        .groupByKey(partitions)
        .flatMap(
            bucket ->
                verify(
                    bucket._2,
                    limit,
                    compared,
                    (a, b) -> {
                      double cosine = Embedder.cosine(a, b);
                      return cosine >= threshold ? cosine : -1;
                    }))
        .distinct(partitions);
  }

  /** The similarity of two members when it passes the stage's threshold, or -1. */
  @FunctionalInterface
  private interface Verifier<T> extends Serializable {
    double similarity(T a, T b);
  }

  private static <T> Iterator<SimilarityEdge> verify(
      Iterable<Member<T>> bucket, int limit, LongAccumulator compared, Verifier<T> verifier) {
    List<Member<T>> members = new ArrayList<>();
    bucket.forEach(members::add);
    if (members.size() < 2) {
      return java.util.Collections.emptyIterator();
    }
    members.sort(Comparator.comparing(Member::chunkId));
    List<SimilarityEdge> edges = new ArrayList<>();
    BucketPairs.forEach(
        members.size(),
        limit,
        (earlier, later) -> {
          Member<T> a = members.get(earlier);
          Member<T> b = members.get(later);
          double similarity = verifier.similarity(a.value, b.value);
          if (similarity >= 0) {
            edges.add(new SimilarityEdge(a.chunkId, b.chunkId, similarity));
          }
        });
    if (compared != null) {
      compared.add(BucketPairs.count(members.size(), limit));
    }
    return edges.iterator();
  }

  /** The edges the veto lets through; it reads both texts of every edge. */
  private static JavaRDD<SimilarityEdge> vetoed(
      JavaRDD<SimilarityEdge> edges, JavaPairRDD<String, DedupeItem> items, PairVeto veto) {
    JavaRDD<SimilarityEdge> kept = edges;
    if (veto != PairVeto.NONE) {
      JavaPairRDD<String, String> texts = items.mapValues(DedupeItem::text);
      kept =
          edges
              .mapToPair(e -> new Tuple2<>(e.smaller(), e))
              .join(texts)
              .mapToPair(t -> new Tuple2<>(t._2._1.larger(), t._2))
              .join(texts)
              .filter(t -> veto.reason(t._2._1._2, t._2._2).isEmpty())
              .map(t -> t._2._1._1);
    }
    return kept.persist(StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * The duplicates the representative rule picks from the edges, by chunk id: {@link
   * RepresentativeRule#ROUNDS} rounds of a join with the current states; a chunk without an edge
   * from a smaller id is a representative and never listed.
   */
  static JavaPairRDD<String, Verdict> duplicates(JavaRDD<SimilarityEdge> edges, int partitions) {
    JavaPairRDD<String, Tuple2<String, Double>> bySmaller =
        edges.mapToPair(e -> new Tuple2<>(e.smaller(), new Tuple2<>(e.larger(), e.similarity())));
    JavaPairRDD<String, Verdict> states =
        edges
            .mapToPair(e -> new Tuple2<>(e.larger(), Verdict.UNDECIDED))
            .reduceByKey((a, b) -> a, partitions);
    for (int round = 0; round < RepresentativeRule.ROUNDS; round++) {
      states =
          bySmaller
              .leftOuterJoin(states, partitions)
              .mapToPair(
                  t ->
                      new Tuple2<>(
                          t._2._1._1,
                          new Neighbour(
                              t._1,
                              t._2._1._2,
                              t._2._2.isPresent() ? t._2._2.get().state() : State.REPRESENTATIVE)))
              .groupByKey(partitions)
              .mapValues(RepresentativeRule::decide);
    }
    return states.filter(t -> t._2.duplicate());
  }

  /** The items with a vector each: those without one are embedded in batches on the executors. */
  static JavaRDD<DedupeItem> embed(JavaRDD<DedupeItem> items, EmbedderSettings embedder) {
    int batchSize = embedder.batchSize();
    return items.mapPartitions(
        partition ->
            new Batches(partition, batchSize) {
              @Override
              List<DedupeItem> apply(List<DedupeItem> batch) {
                List<String> texts = new ArrayList<>();
                for (DedupeItem item : batch) {
                  if (item.vector() == null) {
                    texts.add(item.text());
                  }
                }
                if (texts.isEmpty()) {
                  return batch;
                }
                Iterator<float[]> vectors =
                    Embedders.shared(embedder, System::getenv).embed(texts).iterator();
                List<DedupeItem> out = new ArrayList<>(batch.size());
                for (DedupeItem item : batch) {
                  out.add(item.vector() == null ? item.withVector(vectors.next()) : item);
                }
                return out;
              }
            });
  }

  /** Streams a partition through a function of batches of items. */
  private abstract static class Batches implements Iterator<DedupeItem> {
    private final Iterator<DedupeItem> source;
    private final int size;
    private Iterator<DedupeItem> current = java.util.Collections.emptyIterator();

    Batches(Iterator<DedupeItem> source, int size) {
      this.source = source;
      this.size = size;
    }

    abstract List<DedupeItem> apply(List<DedupeItem> batch);

    @Override
    public boolean hasNext() {
      if (!current.hasNext() && source.hasNext()) {
        List<DedupeItem> batch = new ArrayList<>(size);
        while (batch.size() < size && source.hasNext()) {
          batch.add(source.next());
        }
        current = apply(batch).iterator();
      }
      return current.hasNext();
    }

    @Override
    public DedupeItem next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }
  }

  /** An LSH bucket: chunks of one scope with one key in one band or table. */
  record BucketKey(String scope, int table, long key) implements Serializable {
    @Override
    public int hashCode() {
      return (scope.hashCode() * 31 + table) * 31 + Long.hashCode(key);
    }
  }

  /** A chunk in a bucket with what its similarity is computed from. */
  record Member<T>(String chunkId, T value) implements Serializable {}

  /** Chunks of one scope and normalized text: the smallest id represents the others. */
  static final class ExactGroup implements Serializable {
    DedupeItem representative;
    final List<String> others = new ArrayList<>();

    ExactGroup(DedupeItem item) {
      this.representative = item;
    }

    ExactGroup add(DedupeItem item) {
      if (item.chunkId().compareTo(representative.chunkId()) < 0) {
        others.add(representative.chunkId());
        representative = item;
      } else {
        others.add(item.chunkId());
      }
      return this;
    }

    ExactGroup merge(ExactGroup other) {
      add(other.representative);
      others.addAll(other.others);
      return this;
    }

    /** (representative id, copy id) for every copy. */
    Iterator<Tuple2<String, String>> copies() {
      List<Tuple2<String, String>> pairs = new ArrayList<>(others.size());
      for (String other : others) {
        pairs.add(new Tuple2<>(representative.chunkId(), other));
      }
      return pairs.iterator();
    }
  }
}
