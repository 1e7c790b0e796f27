package io.precis.jobs.summarize;

import io.precis.core.model.Chunk;
import io.precis.core.model.JobContext;
import java.io.Serializable;

/**
 * A chunk on its way to the summarizer, with the name of its document for the prompt and the
 * context its call is recorded under (its document's feature and tenant).
 */
record ChunkTask(Chunk chunk, String documentName, JobContext job) implements Serializable {}
