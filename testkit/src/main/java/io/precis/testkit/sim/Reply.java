package io.precis.testkit.sim;

import java.util.Objects;

/**
 * A whole HTTP answer, rendered before it is sent so that a fault can truncate it.
 *
 * @param status the HTTP status
 * @param contentType the Content-Type header
 * @param body the body
 * @param chunked whether to send it with chunked transfer encoding, as streams are
 */
record Reply(int status, String contentType, String body, boolean chunked) {
  static final String JSON = "application/json; charset=utf-8";
  static final String NDJSON = "application/x-ndjson";
  static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

  Reply {
    Objects.requireNonNull(contentType, "contentType is null");
    Objects.requireNonNull(body, "body is null");
  }

  /** A JSON answer of that status. */
  static Reply json(int status, String body) {
    return new Reply(status, JSON, body, false);
  }

  /** The first half of this answer, as a 200: what a client sees of a malformed answer. */
  Reply truncated() {
    return new Reply(200, contentType, body.substring(0, body.length() / 2), chunked);
  }
}
