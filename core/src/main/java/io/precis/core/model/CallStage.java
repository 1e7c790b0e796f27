package io.precis.core.model;

/** What an LLM call was for. */
public enum CallStage {
  /** Summarize one chunk (map). */
  CHUNK_SUMMARY,
  /** Combine chunk summaries into a document summary (reduce). */
  DOC_REDUCE
}
