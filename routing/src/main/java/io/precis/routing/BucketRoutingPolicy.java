package io.precis.routing;

import io.precis.core.config.EmbedderSettings;
import io.precis.core.config.PrecisSettings;
import io.precis.core.config.RoutingSettings;
import io.precis.core.model.Chunk;
import io.precis.routing.classify.BucketClassifier;
import io.precis.routing.classify.BucketDecision;
import io.precis.routing.classify.BucketExamples;
import io.precis.routing.classify.Content;
import io.precis.routing.embed.Embedders;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Routes a chunk by its bucket: the {@link BucketClassifier} puts it in one, and {@code
 * routing.buckets} names the tiers of each, unless a {@code routing.pins} rule matches the chunk's
 * feature or content first (financial calculations always premium, for example). The route's reason
 * says which, and why.
 */
public final class BucketRoutingPolicy implements RoutingPolicy {
  private static final Map<Key, BucketClassifier> SHARED = new ConcurrentHashMap<>();

  /** What a shared classifier depends on. */
  private record Key(
      String examples, int k, double novel, double confidence, EmbedderSettings embedder) {}

  private final BucketClassifier classifier;
  private final RoutingSettings settings;

  public BucketRoutingPolicy(BucketClassifier classifier, RoutingSettings settings) {
    this.classifier = classifier;
    this.settings = settings;
  }

  /**
   * The policy of the settings. Its classifier is shared by every policy of this JVM built from the
   * same examples, thresholds and embedder: the examples are read and learnt once, and embedded
   * once (with the job's embedder, on the first route given an embedding).
   *
   * @throws io.precis.core.errors.PrecisException if the examples file is missing or wrong
   */
  public static BucketRoutingPolicy from(PrecisSettings settings) {
    RoutingSettings routing = settings.routing();
    EmbedderSettings embedder = settings.embedder();
    Key key =
        new Key(
            routing.examples(),
            routing.k(),
            routing.novelThreshold(),
            routing.minConfidence(),
            embedder);
    BucketClassifier classifier =
        SHARED.computeIfAbsent(
            key,
            k ->
                BucketClassifier.train(
                    BucketExamples.load(k.examples()),
                    k.k(),
                    k.novel(),
                    k.confidence(),
                    texts -> Embedders.shared(k.embedder(), System::getenv).embed(texts)));
    return new BucketRoutingPolicy(classifier, routing);
  }

  public BucketClassifier classifier() {
    return classifier;
  }

  @Override
  public Route route(Chunk chunk, String feature, float[] embeddingOrNull) {
    BucketDecision decision = classifier.classify(chunk.text(), embeddingOrNull);
    String bucket = decision.bucket().label();
    Set<String> contents =
        decision.contents().keySet().stream().map(Content::label).collect(Collectors.toSet());
    for (RoutingSettings.Pin pin : settings.pins()) {
      if (pin.matches(feature, contents)) {
        return new Route(pin.tiers(), bucket, pinReason(pin, decision) + "; " + decision.reason());
      }
    }
    return new Route(settings.tiers(bucket), bucket, decision.reason());
  }

  private static String pinReason(RoutingSettings.Pin pin, BucketDecision decision) {
    String reason = "pinned by " + pin.describe();
    if (!pin.content().isEmpty()) {
      Content content = Content.of(pin.content()).orElseThrow();
      reason += " (" + decision.contents().get(content) + ")";
    }
    return reason;
  }
}
