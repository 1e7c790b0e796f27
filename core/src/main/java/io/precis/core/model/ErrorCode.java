package io.precis.core.model;

/** Why a document or a call failed, as written to the tables. */
public enum ErrorCode {
  /** The document could not be read from its source. */
  READ_FAILED,
  /** The parser failed on the document (corrupt, encrypted, unsupported content). */
  PARSE_FAILED,
  /** The document parsed but holds no text. */
  EMPTY_TEXT,
  /** The document is encrypted or password-protected. */
  ENCRYPTED,
  /** The document is larger than parsing.max-bytes; it was not parsed. */
  TOO_LARGE,
  /** The parser took longer than parsing.timeout and was stopped. */
  PARSE_TIMEOUT,
  /** The parser ran out of the memory of its JVM (parsing.worker-heap). */
  PARSE_OUT_OF_MEMORY,
  /** The parsing JVM died while parsing the document (a crash in a parser or the JVM). */
  PARSER_CRASHED,
  /** The provider could not be reached (connection refused, DNS, TLS). */
  PROVIDER_UNREACHABLE,
  /** No answer within the tier's timeout. */
  PROVIDER_TIMEOUT,
  /** The provider answered 429: too many requests for now. */
  PROVIDER_RATE_LIMITED,
  /**
   * The provider refused for quota or credit (402, or 429 insufficient_quota): not retried, since
   * it fails until someone raises the quota or adds credit.
   */
  PROVIDER_QUOTA_EXCEEDED,
  /** The provider answered with a server error (5xx). */
  PROVIDER_ERROR,
  /** The provider rejected the request (4xx other than 429): bad model, bad key, bad request. */
  PROVIDER_REJECTED,
  /** The answer could not be understood (malformed body, no text). */
  BAD_RESPONSE,
  /** The job's budget (--budget) was spent: the call was not made. */
  BUDGET_REACHED,
  /**
   * The model's circuit breaker ({@code llm.circuit-breaker}) is open after consecutive provider
   * failures: the call was not made. Not retried within the call (the cascade falls back to the
   * next tier instead); a later run tries again.
   */
  PROVIDER_CIRCUIT_OPEN;

  /**
   * Whether the failure may not happen again, so that a rerun should try again: a read that failed,
   * a parser that timed out or crashed, a provider that failed. The others (a corrupt, empty,
   * encrypted or too large document, one that exhausts the parser's heap) fail the same way every
   * time, and a rerun skips them until the document changes.
   */
  public boolean retryable() {
    return switch (this) {
      case PARSE_FAILED, EMPTY_TEXT, ENCRYPTED, TOO_LARGE, PARSE_OUT_OF_MEMORY -> false;
      default -> true;
    };
  }
}
