package io.precis.testkit.sim;

import java.util.Objects;

/**
 * What the simulated model produced for a request that met no fault (or a malformed one): the token
 * counts to record and the answer to send.
 */
record Served(long inputTokens, long outputTokens, long cachedInputTokens, Reply reply) {
  Served {
    Objects.requireNonNull(reply, "reply is null");
  }
}
