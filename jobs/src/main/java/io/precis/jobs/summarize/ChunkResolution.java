package io.precis.jobs.summarize;

import io.precis.cachewarm.SnapshotRef;
import io.precis.core.config.PrecisSettings;
import io.precis.core.model.Chunk;
import io.precis.core.model.JobContext;
import io.precis.jobs.summarize.dedupe.ChunkDedupe;
import io.precis.jobs.summarize.dedupe.DedupeDecision;
import io.precis.jobs.summarize.dedupe.DedupeItem;
import io.precis.routing.BucketRoutingPolicy;
import io.precis.routing.Route;
import io.precis.routing.RoutingPolicy;
import io.precis.routing.cache.CacheScope;
import io.precis.routing.cache.SemanticCache;
import io.precis.routing.cache.guard.GuardFeatures;
import io.precis.routing.cache.guard.HitGuards;
import io.precis.routing.dedupe.PairVeto;
import io.precis.routing.embed.Embedder;
import io.precis.routing.embed.Embedders;
import io.precis.summarize.ChunkOutcome;
import io.precis.summarize.Prompt;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Resolves every chunk of a job the cheapest way that is still right, each stage on what the
 * previous ones left: a cache entry of the same text in the chunk's scope (a hash lookup); a
 * duplicate of another chunk of the job (exact, near, then semantic: see {@link ChunkDedupe}); a
 * cache entry close enough in meaning that no guard vetoes; and only then the LLM, through the
 * summarizing function the job passes in. A duplicate takes its representative's summary, or stays
 * UNRESOLVED with it, for a later run.
 */
final class ChunkResolution {
  /** A chunk with its route and the scope its summary is cached and deduplicated in. */
  record Planned(ChunkTask task, Route route, CacheScope scope) implements Serializable {
    Chunk chunk() {
      return task.chunk();
    }
  }

  /**
   * A resolved (or unresolved) chunk, with what a new cache entry of it needs.
   *
   * @param vector the chunk's embedding, when it was embedded
   * @param expiresAtMillis when the summary it was served expires, if it came from the cache
   * @param cached whether the cache already holds an entry of this text in this scope
   */
  record Resolved(
      ChunkOutcome outcome,
      JobContext context,
      CacheScope scope,
      float[] vector,
      Long expiresAtMillis,
      boolean cached)
      implements Serializable {}

  /** A step between stages: the chunk, and its outcome once it has one. */
  private record Step(Planned planned, ChunkOutcome outcome, float[] vector, Long expiresAt)
      implements Serializable {}

  private final PrecisSettings settings;
  private final Optional<SnapshotRef> snapshot;
  private final int partitions;
  private final Consumer<String> progress;
  private final boolean embed;

  /**
   * @param snapshot the cache index snapshot the job pinned, if the cache is on and one exists
   * @param embed whether the stages that embed run (semantic dedupe, the cache by meaning); an
   *     estimate leaves them out, as embedding costs minutes where hashes cost seconds
   */
  ChunkResolution(
      PrecisSettings settings,
      Optional<SnapshotRef> snapshot,
      int partitions,
      Consumer<String> progress,
      boolean embed) {
    this.settings = settings;
    this.snapshot = snapshot;
    this.partitions = Math.max(1, partitions);
    this.progress = progress;
    this.embed = embed;
  }

  /** The cache scope of a chunk on its route. */
  static CacheScope scope(PrecisSettings settings, ChunkTask task, Route route) {
    return new CacheScope(
        task.job().tenant(),
        settings.llm().tier(route.tier()).modelKey(),
        Prompt.forChunks(settings.checks()).version(),
        "words=" + settings.summary().chunkWords());
  }

  /**
   * @param summarize summarizes chunks with the LLM (the job's budget and retries apply there)
   */
  JavaRDD<Resolved> resolve(
      JavaRDD<ChunkTask> tasks, Function<JavaRDD<ChunkTask>, JavaRDD<ChunkOutcome>> summarize) {
    PrecisSettings settings = this.settings;
    SnapshotRef snapshot = this.snapshot.orElse(null); // Optional is not serializable
    String embedderId = Embedders.id(settings.embedder());
    boolean embed = this.embed;
    var dedupe = settings.dedupe();
    if (!embed) {
      dedupe =
          new io.precis.core.config.DedupeSettings(
              dedupe.enabled(),
              dedupe.nearThreshold(),
              false,
              dedupe.semanticThreshold(),
              dedupe.nearBands(),
              dedupe.semanticTables(),
              dedupe.semanticBits(),
              dedupe.bucketLimit());
    }
    JavaRDD<Planned> planned =
        tasks.mapPartitions(
            items -> {
              RoutingPolicy policy = BucketRoutingPolicy.from(settings);
              List<Planned> out = new ArrayList<>();
              items.forEachRemaining(
                  task -> {
                    Route route = policy.route(task.chunk(), task.job().feature(), null);
                    out.add(new Planned(task, route, scope(settings, task, route)));
                  });
              return out.iterator();
            });

    // 1. The cache holds this very text in this scope: a hash lookup, nothing embedded.
    JavaRDD<Step> looked =
        planned
            .mapPartitions(
                items -> {
                  Optional<SemanticCache> cache = cache(snapshot, settings, embedderId);
                  long now = System.currentTimeMillis();
                  List<Step> out = new ArrayList<>();
                  items.forEachRemaining(
                      p ->
                          out.add(
                              cache
                                  .flatMap(c -> c.exact(p.scope(), p.chunk().textHash(), now))
                                  .map(hit -> served(p, hit, null))
                                  .orElse(new Step(p, null, null, null))));
                  return out.iterator();
                })
            .persist(StorageLevel.MEMORY_AND_DISK());
    JavaRDD<Resolved> exactHits =
        looked
            .filter(s -> s.outcome() != null)
            .map(
                s ->
                    new Resolved(
                        s.outcome(),
                        s.planned().task().job(),
                        s.planned().scope(),
                        null,
                        s.expiresAt(),
                        true));
    JavaRDD<Planned> open = looked.filter(s -> s.outcome() == null).map(Step::planned);

    // 2. Duplicates among the chunks of this job.
    JavaRDD<Tuple2<Planned, DedupeDecision>> decided;
    if (settings.dedupe().enabled()) {
      progress.accept("Finding duplicate chunks...");
      JavaRDD<DedupeDecision> decisions =
          ChunkDedupe.run(
              open.map(
                  p ->
                      new DedupeItem(
                          p.chunk().chunkId(),
                          p.scope().key(),
                          p.chunk().textHash(),
                          p.chunk().minHash().values(),
                          p.chunk().text())),
              dedupe,
              settings.embedder(),
              (PairVeto) HitGuards::veto,
              partitions);
      decided =
          open.mapToPair(p -> new Tuple2<>(p.chunk().chunkId(), p))
              .join(decisions.mapToPair(d -> new Tuple2<>(d.chunkId(), d)))
              .values()
              .map(pair -> new Tuple2<>(pair._1(), pair._2()));
    } else {
      decided = open.map(p -> new Tuple2<>(p, (DedupeDecision) null));
    }
    decided = decided.persist(StorageLevel.MEMORY_AND_DISK());

    // 3. A cache entry close enough in meaning, for each chunk that represents its duplicates.
    JavaRDD<Step> representatives =
        decided
            .filter(pair -> pair._2() == null || pair._2().duplicateOf() == null)
            .mapPartitions(
                items -> {
                  List<Tuple2<Planned, DedupeDecision>> batch = new ArrayList<>();
                  items.forEachRemaining(batch::add);
                  return similar(batch, embed ? snapshot : null, settings, embedderId).iterator();
                })
            .persist(StorageLevel.MEMORY_AND_DISK());
    JavaRDD<Step> similarHits = representatives.filter(s -> s.outcome() != null);

    // 4. The LLM, for what is left.
    JavaRDD<Step> toSummarize = representatives.filter(s -> s.outcome() == null);
    JavaRDD<ChunkOutcome> summarized =
        summarize.apply(toSummarize.map(s -> s.planned().task().withVector(s.vector())));
    JavaRDD<Step> called =
        summarized
            .mapToPair(o -> new Tuple2<>(o.chunk().chunkId(), o))
            .join(toSummarize.mapToPair(s -> new Tuple2<>(s.planned().chunk().chunkId(), s)))
            .values()
            .map(pair -> new Step(pair._2().planned(), pair._1(), pair._2().vector(), null));
    JavaRDD<Step> answered = similarHits.union(called);

    // 5. Duplicates take what their representative got.
    JavaRDD<Step> duplicates =
        decided
            .filter(pair -> pair._2() != null && pair._2().duplicateOf() != null)
            .mapToPair(pair -> new Tuple2<>(pair._2().duplicateOf(), pair))
            .join(answered.mapToPair(s -> new Tuple2<>(s.planned().chunk().chunkId(), s)))
            .values()
            .map(
                pair -> {
                  Planned duplicate = pair._1()._1();
                  DedupeDecision decision = pair._1()._2();
                  Step representative = pair._2();
                  return new Step(
                      duplicate,
                      representative.outcome().givenTo(duplicate.chunk(), reason(decision)),
                      decision.vector(),
                      representative.expiresAt());
                });
    return exactHits.union(
        answered
            .union(duplicates)
            .map(
                s ->
                    new Resolved(
                        s.outcome(),
                        s.planned().task().job(),
                        s.planned().scope(),
                        s.vector(),
                        s.expiresAt(),
                        false)));
  }

  /** Semantic cache lookups for one partition's representatives, embedding those not embedded. */
  private static List<Step> similar(
      List<Tuple2<Planned, DedupeDecision>> batch,
      SnapshotRef snapshot,
      PrecisSettings settings,
      String embedderId) {
    Optional<SemanticCache> cache =
        cache(snapshot, settings, embedderId).filter(SemanticCache::semantic);
    List<float[]> vectors = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Tuple2<Planned, DedupeDecision> pair : batch) {
      float[] vector = pair._2() == null ? null : pair._2().vector();
      vectors.add(vector);
      if (vector == null && cache.isPresent()) {
        missing.add(pair._1().chunk().text());
      }
    }
    if (!missing.isEmpty()) {
      Embedder embedder = Embedders.shared(settings.embedder(), System::getenv);
      Iterator<float[]> embedded = embed(embedder, missing, settings).iterator();
      for (int i = 0; i < vectors.size(); i++) {
        if (vectors.get(i) == null) {
          vectors.set(i, embedded.next());
        }
      }
    }
    long now = System.currentTimeMillis();
    List<Step> steps = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      Planned p = batch.get(i)._1();
      float[] vector = vectors.get(i);
      Optional<SemanticCache.Hit> hit =
          cache.flatMap(c -> c.similar(p.scope(), vector, GuardFeatures.of(p.chunk().text()), now));
      steps.add(hit.map(h -> served(p, h, vector)).orElse(new Step(p, null, vector, null)));
    }
    return steps;
  }

  private static List<float[]> embed(Embedder embedder, List<String> texts, PrecisSettings s) {
    List<float[]> out = new ArrayList<>(texts.size());
    int size = s.embedder().batchSize();
    for (int from = 0; from < texts.size(); from += size) {
      out.addAll(embedder.embed(texts.subList(from, Math.min(texts.size(), from + size))));
    }
    return out;
  }

  private static Step served(Planned p, SemanticCache.Hit hit, float[] vector) {
    String reason =
        hit.exact()
            ? "cache: same text as entry " + hit.entry().entryId()
            : String.format(
                Locale.ROOT,
                "cache: cosine %.3f to entry %s",
                hit.similarity(),
                hit.entry().entryId());
    ChunkOutcome outcome =
        ChunkOutcome.cacheHit(
            p.chunk(),
            p.route().bucket(),
            modelOf(p),
            hit.entry().summary(),
            hit.entry().entryId(),
            reason);
    return new Step(p, outcome, vector, hit.entry().expiresAtMillis());
  }

  private static String modelOf(Planned p) {
    String key = p.scope().model();
    return key.substring(key.indexOf('/') + 1);
  }

  private static String reason(DedupeDecision decision) {
    return String.format(
        Locale.ROOT,
        "%s duplicate (similarity %.3f) of chunk %s",
        decision.stage().name().toLowerCase(Locale.ROOT),
        decision.similarity(),
        decision.duplicateOf());
  }

  private static Optional<SemanticCache> cache(
      SnapshotRef snapshot, PrecisSettings settings, String embedderId) {
    return Optional.ofNullable(snapshot)
        .map(ref -> new SemanticCache(ref.open(), settings.cache().threshold(), embedderId));
  }
}
