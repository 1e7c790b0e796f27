package io.precis.jobs.summarize;

import io.precis.core.model.Chunk;
import java.io.Serializable;

/** A chunk on its way to the summarizer, with the name of its document for the prompt. */
record ChunkTask(Chunk chunk, String documentName) implements Serializable {}
