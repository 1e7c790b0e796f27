package io.precis.jobs.summarize;

import io.precis.chunking.DocumentPipeline.ProcessedDocument;
import io.precis.chunking.chunk.JtokkitTokenCounter;
import io.precis.chunking.parse.ParseOutcome;
import io.precis.core.config.PrecisSettings;
import io.precis.core.model.JobContext;
import io.precis.core.model.LlmCallRecord;
import io.precis.jobs.spark.Partitions;
import io.precis.summarize.CostEstimator;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/**
 * The estimate of a prepared corpus: every chunk's and document's would-be calls, priced and folded
 * into {@link JobCosts} exactly as a run's real calls are, so that the two compare line by line.
 */
final class Estimates {
  private Estimates() {}

  /** A document's estimated costs, and its chunks as tasks that carry their estimated cost. */
  record Estimated(JobCosts costs, List<ChunkTask> tasks) implements Serializable {}

  static JobCosts of(
      JavaRDD<ProcessedDocument> processed,
      Broadcast<Map<String, String>> names,
      Broadcast<Map<String, JobContext>> contexts,
      PrecisSettings settings,
      JobContext job,
      Instant at) {
    return perDocument(processed, names, contexts, settings, job, at)
        .map(Estimated::costs)
        .fold(new JobCosts(), JobCosts::merge);
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
                      costs.addChunk(chunk.resolution());
                      costs.addCall(chunk.call(), settings.llm(), settings.prices());
                      tasks.add(
                          new ChunkTask(
                              document.chunks().get(i), name, context, chunk.call().costUsd()));
                    }
                    for (LlmCallRecord reduce : estimate.reduce()) {
                      costs.addCall(reduce, settings.llm(), settings.prices());
                    }
                    costs.addRemovedTokens(
                        document.cleaning().removedTokens(),
                        settings.llm(),
                        settings.prices(),
                        day);
                    return new Estimated(costs, tasks);
                  });
            });
  }
}
