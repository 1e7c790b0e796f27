package io.precis.jobs.summarize;

import io.precis.chunking.DocumentPipeline.ProcessedDocument;
import io.precis.chunking.chunk.JtokkitTokenCounter;
import io.precis.chunking.parse.ParseOutcome;
import io.precis.core.config.PrecisSettings;
import io.precis.core.model.JobContext;
import io.precis.core.model.LlmCallRecord;
import io.precis.jobs.spark.Partitions;
import io.precis.summarize.CostEstimator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/**
 * The estimate of a prepared corpus: every chunk's and document's would-be calls, priced and folded
 * into {@link JobCosts} exactly as a run's real calls are, so that the two compare line by line.
 */
final class Estimates {
  private Estimates() {}

  static JobCosts of(
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
                    // Recorded under the document's feature and tenant, as the run's calls are.
                    CostEstimator estimator =
                        new CostEstimator(settings, contexts.value().getOrDefault(docId, job), at);
                    var estimate =
                        estimator.estimate(
                            names.value().get(docId), document.chunks(), tokens::count);
                    JobCosts costs = new JobCosts();
                    for (var chunk : estimate.chunks()) {
                      costs.addChunk(chunk.resolution());
                      costs.addCall(chunk.call(), settings.llm(), settings.prices());
                    }
                    for (LlmCallRecord reduce : estimate.reduce()) {
                      costs.addCall(reduce, settings.llm(), settings.prices());
                    }
                    return costs.addRemovedTokens(
                        document.cleaning().removedTokens(),
                        settings.llm(),
                        settings.prices(),
                        day);
                  });
            })
        .fold(new JobCosts(), JobCosts::merge);
  }
}
