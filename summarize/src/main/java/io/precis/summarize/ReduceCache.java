package io.precis.summarize;

import io.precis.core.config.TierSettings;
import io.precis.core.model.JobContext;
import io.precis.core.util.Hashes;
import java.io.Serializable;
import java.util.Optional;

/**
 * Reduce answers given before, found by the exact input of the reduce call: a document whose chunk
 * summaries are the same as when it was last reduced (in the same tenant, on the same model, with
 * the same prompt) gets the same summary without a call.
 */
@FunctionalInterface
public interface ReduceCache extends Serializable {
  /** A cache that holds nothing. */
  ReduceCache NONE = (job, tier, input) -> Optional.empty();

  /**
   * @param tier the tier the reduce call would go to
   * @param input the reduce call's user message, which holds the chunk summaries in order
   */
  Optional<String> find(JobContext job, TierSettings tier, String input);

  /** The hash a reduce answer is cached under: of the call's whole user message. */
  static String inputHash(String input) {
    return Hashes.sha256Prefix(32, "reduce", input);
  }
}
