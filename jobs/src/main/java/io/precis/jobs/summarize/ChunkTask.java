package io.precis.jobs.summarize;

import io.precis.core.model.Chunk;
import io.precis.core.model.JobContext;
import java.io.Serializable;
import java.math.BigDecimal;

/**
 * A chunk on its way to the summarizer, with the name of its document for the prompt, the context
 * its call is recorded under (its document's feature and tenant), and what its call is estimated to
 * cost (0 when the run has no budget and nothing was estimated), and its embedding once a stage
 * computed it (null before), which the faithfulness check uses instead of embedding the chunk
 * again.
 */
record ChunkTask(
    Chunk chunk, String documentName, JobContext job, BigDecimal estimatedCost, float[] vector)
    implements Serializable {
  ChunkTask(Chunk chunk, String documentName, JobContext job, BigDecimal estimatedCost) {
    this(chunk, documentName, job, estimatedCost, null);
  }

  ChunkTask withVector(float[] embedding) {
    return new ChunkTask(chunk, documentName, job, estimatedCost, embedding);
  }
}
