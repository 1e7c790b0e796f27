package io.precis.routing;

import io.precis.core.model.Chunk;

/** Decides which tiers a chunk may use, and which it is sent to first. */
public interface RoutingPolicy {
  /**
   * @param feature the job feature the chunk's spend is attributed to (pins may match it)
   * @param embeddingOrNull the chunk's embedding by the job's embedder, or null when it has none (a
   *     cost estimate does not embed); the decision then rests on the text alone
   */
  Route route(Chunk chunk, String feature, float[] embeddingOrNull);
}
