package io.precis.jobs.summarize;

import io.precis.cachewarm.SnapshotRef;
import io.precis.chunking.DocumentPipeline.ProcessedDocument;
import io.precis.chunking.chunk.JtokkitTokenCounter;
import io.precis.chunking.parse.ParseOutcome;
import io.precis.core.config.PrecisSettings;
import io.precis.core.model.JobContext;
import io.precis.core.model.LlmCallRecord;
import io.precis.core.model.Resolution;
import io.precis.jobs.spark.Partitions;
import io.precis.summarize.ChunkOutcome;
import io.precis.summarize.CostEstimator;
import io.precis.summarize.ledger.LedgerEntry;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The estimate of a prepared corpus: every chunk's and document's would-be calls, priced and folded
 * into {@link JobCosts} exactly as a run's real calls are, so that the two compare line by line.
 * Chunks go through the run's own resolution ({@link ChunkResolution}) but for the stages that
 * embed: a chunk the cache holds by its text, or that duplicates another exactly or nearly, is
 * estimated to cost nothing, as in the run; a semantic duplicate or hit is estimated as a call.
 */
final class Estimates {
  private Estimates() {}

  /**
   * A document's estimated reduce call and the tokens cleaning removed from it, and its chunks as
   * tasks that carry their estimated cost.
   */
  record Estimated(JobCosts costs, List<ChunkTask> tasks, List<LlmCallRecord> reduce)
      implements Serializable {}

  /** The estimate of the prepared corpus. */
  static JobCosts of(
      CorpusPreparation.Prepared prepared,
      Optional<SnapshotRef> snapshot,
      PrecisSettings settings,
      JobContext job,
      Instant at,
      Consumer<String> progress) {
    // Read three times by total (documents, reduce calls, chunks): estimated once.
    JavaRDD<Estimated> estimates =
        perDocument(prepared.processed(), prepared.names(), prepared.contexts(), settings, job, at)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return total(estimates, prepared.names(), snapshot, settings, job, at, prepared, progress);
    } finally {
      estimates.unpersist();
    }
  }

  /**
   * The estimate of the documents and of their chunks as the run would resolve them (without the
   * stages that embed).
   */
  static JobCosts total(
      JavaRDD<Estimated> estimates,
      Broadcast<Map<String, String>> names,
      Optional<SnapshotRef> snapshot,
      PrecisSettings settings,
      JobContext job,
      Instant at,
      CorpusPreparation.Prepared prepared,
      Consumer<String> progress) {
    JobCosts documents = estimates.map(Estimated::costs).fold(new JobCosts(), JobCosts::merge);
    // Each reduce call once per tenant and call id, as the call ledger makes the run pay it once:
    // documents with the same name and the same chunk summaries ask the same reduce call.
    JobCosts reduces =
        estimates
            .flatMap(estimate -> estimate.reduce().iterator())
            .mapToPair(
                call -> new Tuple2<>(LedgerEntry.key(call.job().tenant(), call.callId()), call))
            .reduceByKey((a, b) -> a)
            .values()
            .map(call -> new JobCosts().addCall(call, settings.llm(), settings.prices()))
            .fold(new JobCosts(), JobCosts::merge);
    JavaRDD<ChunkOutcome> outcomes =
        new ChunkResolution(settings, snapshot, prepared.partitions(), progress, false)
            .resolve(
                estimates.flatMap(estimate -> estimate.tasks().iterator()),
                tasks -> price(tasks, settings, at))
            .map(ChunkResolution.Resolved::outcome);
    JobCosts chunks =
        outcomes
            .map(
                outcome -> {
                  JobCosts costs = new JobCosts().addChunk(outcome.resolution());
                  for (LlmCallRecord call : outcome.calls()) {
                    costs.addCall(call, settings.llm(), settings.prices());
                  }
                  return costs;
                })
            .union(avoided(outcomes, names, settings, job, at))
            .fold(new JobCosts(), JobCosts::merge);
    return documents.merge(reduces).merge(chunks);
  }

  /** Each parsed document's estimate, with its chunks' tasks. */
  static JavaRDD<Estimated> perDocument(
      JavaRDD<ProcessedDocument> processed,
      Broadcast<Map<String, String>> names,
      Broadcast<Map<String, JobContext>> contexts,
      PrecisSettings settings,
      JobContext job,
      Instant at) {
    var day = at.atZone(ZoneOffset.UTC).toLocalDate();
    return processed
        .filter(document -> document.outcome() instanceof ParseOutcome.Parsed)
        .mapPartitions(
            documents -> {
              JtokkitTokenCounter tokens =
                  JtokkitTokenCounter.forEncoding(settings.chunking().encoding());
              return Partitions.map(
                  documents,
                  document -> {
                    String docId = document.outcome().document().docId();
                    String name = names.value().get(docId);
                    // Recorded under the document's feature and tenant, as the run's calls are.
                    JobContext context = contexts.value().getOrDefault(docId, job);
                    var estimate =
                        new CostEstimator(settings, context, at)
                            .estimate(name, document.chunks(), tokens::count);
                    JobCosts costs = new JobCosts();
                    List<ChunkTask> tasks = new ArrayList<>();
                    for (int i = 0; i < estimate.chunks().size(); i++) {
                      var chunk = estimate.chunks().get(i);
                      tasks.add(
                          new ChunkTask(
                              document.chunks().get(i), name, context, chunk.call().costUsd()));
                    }
                    costs.addRemovedTokens(
                        document.cleaning().removedTokens(),
                        settings.llm(),
                        settings.prices(),
                        day);
                    return new Estimated(costs, tasks, estimate.reduce());
                  });
            });
  }

  /** Stands in for the summarizer in an estimate: each chunk's estimated call, not made. */
  private static JavaRDD<ChunkOutcome> price(
      JavaRDD<ChunkTask> tasks, PrecisSettings settings, Instant at) {
    return tasks.mapPartitions(
        items -> {
          JtokkitTokenCounter tokens =
              JtokkitTokenCounter.forEncoding(settings.chunking().encoding());
          return Partitions.map(
              items,
              task -> {
                var estimate =
                    new CostEstimator(settings, task.job(), at)
                        .estimateChunk(task.documentName(), task.chunk(), tokens::count);
                LlmCallRecord call = estimate.call();
                return new ChunkOutcome(
                    task.chunk(),
                    estimate.resolution(),
                    null,
                    call.tier(),
                    call.model(),
                    "", // resolved, so that its duplicates count as resolved too
                    "estimated",
                    List.of(call));
              });
        });
  }

  /**
   * The calls that the cache and dedupe made unnecessary, each estimated on the baseline tier as
   * `precis estimate` prices calls.
   */
  static JavaRDD<JobCosts> avoided(
      JavaRDD<ChunkOutcome> outcomes,
      Broadcast<Map<String, String>> names,
      PrecisSettings settings,
      JobContext job,
      Instant at) {
    return outcomes
        .filter(
            o -> o.resolution() == Resolution.CACHE_HIT || o.resolution() == Resolution.DUPLICATE)
        .mapPartitions(
            items -> {
              var tokens = JtokkitTokenCounter.forEncoding(settings.chunking().encoding());
              var estimator = new CostEstimator(settings, job, at);
              return Partitions.map(
                  items,
                  o ->
                      new JobCosts()
                          .addAvoided(
                              o.resolution(),
                              estimator.onBaseline(
                                  names.value().get(o.chunk().docId()), o.chunk(), tokens::count)));
            });
  }
}
