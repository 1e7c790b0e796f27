package io.precis.core.model;

/** Why a document or a call failed, as written to the tables. */
public enum ErrorCode {
  /** The document could not be read from its source. */
  READ_FAILED,
  /** The parser failed on the document (corrupt, encrypted, unsupported content). */
  PARSE_FAILED,
  /** The document parsed but holds no text. */
  EMPTY_TEXT,
  /** The provider could not be reached (connection refused, DNS, TLS). */
  PROVIDER_UNREACHABLE,
  /** No answer within the tier's timeout. */
  PROVIDER_TIMEOUT,
  /** The provider answered 429. */
  PROVIDER_RATE_LIMITED,
  /** The provider answered with a server error (5xx). */
  PROVIDER_ERROR,
  /** The provider rejected the request (4xx other than 429): bad model, bad key, bad request. */
  PROVIDER_REJECTED,
  /** The answer could not be understood (malformed body, no text). */
  BAD_RESPONSE
}
