package io.precis.core.model;

/** What became of a document. */
public enum DocumentStatus {
  /** Parsed and chunked; its chunks were resolved. */
  PARSED,
  /** Could not be read or parsed; {@code error_code} says why. Nothing else of it is written. */
  FAILED
}
