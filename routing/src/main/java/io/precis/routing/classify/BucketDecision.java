package io.precis.routing.classify;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What the classifier decided about a chunk, and why.
 *
 * @param confidence the share of the vote of the bucket that led it, 0 to 1 (for NOVEL by distance
 *     or by a split vote, still the leader's share: how clear the vote was)
 * @param contents what {@code routing.pins} may match on, found by plain rules on the text, each
 *     with its evidence ("4 financial terms, 3 currency/percent marks, numbers 0.21")
 * @param nearestCosine the cosine of the chunk to the nearest example of simple, extraction or
 *     complex; empty when no embedding was given
 * @param reason one line for people: the bucket, the neighbours and the features that decided it
 */
public record BucketDecision(
    Bucket bucket,
    double confidence,
    Map<Content, String> contents,
    OptionalDouble nearestCosine,
    String reason) {
  public BucketDecision {
    Objects.requireNonNull(bucket, "bucket is null");
    contents = Collections.unmodifiableMap(new EnumMap<>(contents));
    Objects.requireNonNull(nearestCosine, "nearestCosine is null");
    Objects.requireNonNull(reason, "reason is null");
  }
}
