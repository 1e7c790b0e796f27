package io.precis.routing.classify;

import java.util.Objects;

/**
 * One labelled example of the classifier: a chunk of text and the bucket it belongs to.
 *
 * @param line the line of the examples file it was read from (0 for examples made in code)
 * @param kind a free label of what the text is (invoice, contract-clause...), shown in reasons
 */
public record LabelledExample(int line, Bucket bucket, String kind, String text) {
  public LabelledExample {
    Objects.requireNonNull(bucket, "bucket is null");
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(text, "text is null");
  }
}
