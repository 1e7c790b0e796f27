package io.precis.routing.dedupe;

import java.io.Serializable;
import java.util.Optional;

/**
 * Says why two similar texts must still not be treated as duplicates (a negation, a different
 * number, another named entity), or nothing when they may be. Similarity scores alone cannot see
 * such differences; a vetoed pair is never a near or semantic duplicate.
 */
@FunctionalInterface
public interface PairVeto extends Serializable {
  /** A veto that never objects. */
  PairVeto NONE = (a, b) -> Optional.empty();

  /** Why the two texts differ in a way that matters, or empty when they may be duplicates. */
  Optional<String> reason(String textA, String textB);
}
