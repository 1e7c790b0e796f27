package io.precis.routing;

import io.precis.core.model.Chunk;

/** Decides which tier a chunk is sent to first. */
public interface RoutingPolicy {
  Route route(Chunk chunk);
}
