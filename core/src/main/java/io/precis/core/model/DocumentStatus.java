package io.precis.core.model;

/** What became of a document, as the documents table says. */
public enum DocumentStatus {
  /** Parsed, chunked, every chunk resolved and the document summarized. A rerun skips it. */
  SUMMARIZED,
  /** Parsed and chunked, but some chunk is unresolved: a rerun tries it again. */
  PARSED,
  /** Could not be read or parsed; {@code error_code} says why, and whether a rerun retries it. */
  FAILED
}
