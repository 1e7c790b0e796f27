package io.precis.routing.classify;

import io.precis.routing.embed.Embedder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Puts a chunk in a {@link Bucket}: a vote of its k nearest labelled examples by embedding cosine,
 * averaged with a linear model over its {@link TextFeatures}. Without an embedding the linear model
 * decides alone, so that a cost estimate can route without embedding anything.
 *
 * <p>The chunk is NOVEL when its embedding is further than the novel threshold from every example
 * of simple, extraction and complex (the threshold depends on the embedder: calibrate it, see
 * docs/routing.md), when the vote says so (the examples include far-out text labelled novel), or
 * when no bucket wins at least the minimum confidence.
 *
 * <p>The examples' embeddings are computed on the first decision that brings an embedding, once per
 * instance; instances are meant to be shared (see {@code BucketRoutingPolicy.from}). Safe to use
 * from several threads.
 */
public final class BucketClassifier {
  /** Weight of the neighbours' vote against the linear model's when both are there. */
  static final double NEIGHBOUR_WEIGHT = 0.5;

  private final List<LabelledExample> examples;
  private final LinearModel model;
  private final int k;
  private final double novelThreshold;
  private final double minConfidence;
  private final Function<List<String>, List<float[]>> embed;
  private final double neighbourWeight;
  private volatile float[][] vectors;

  private BucketClassifier(
      List<LabelledExample> examples,
      LinearModel model,
      int k,
      double novelThreshold,
      double minConfidence,
      Function<List<String>, List<float[]>> embed,
      double neighbourWeight) {
    this.examples = examples;
    this.neighbourWeight = neighbourWeight;
    this.model = model;
    this.k = k;
    this.novelThreshold = novelThreshold;
    this.minConfidence = minConfidence;
    this.embed = embed;
  }

  /**
   * A classifier trained on the examples.
   *
   * @param k how many nearest examples vote
   * @param novelThreshold least cosine to the nearest example of simple, extraction or complex
   *     below which a chunk is NOVEL
   * @param minConfidence least share of the vote the leading bucket needs, else NOVEL
   * @param embed embeds the examples' texts, with the embedder that embeds the chunks; called at
   *     most once, on the first decision with an embedding
   */
  public static BucketClassifier train(
      List<LabelledExample> examples,
      int k,
      double novelThreshold,
      double minConfidence,
      Function<List<String>, List<float[]>> embed) {
    if (examples.isEmpty() || k < 1) {
      throw new IllegalArgumentException("needs examples and k >= 1");
    }
    List<double[]> features = new ArrayList<>();
    List<Bucket> buckets = new ArrayList<>();
    for (LabelledExample example : examples) {
      features.add(TextFeatures.of(example.text()).values());
      buckets.add(example.bucket());
    }
    return new BucketClassifier(
        List.copyOf(examples),
        LinearModel.train(features, buckets),
        k,
        novelThreshold,
        minConfidence,
        embed,
        NEIGHBOUR_WEIGHT);
  }

  /** This classifier with another weight of the neighbours' vote (1 = neighbours alone). */
  BucketClassifier withNeighbourWeight(double weight) {
    BucketClassifier other =
        new BucketClassifier(examples, model, k, novelThreshold, minConfidence, embed, weight);
    other.vectors = vectors;
    return other;
  }

  /** This classifier with other thresholds, sharing its model and examples' embeddings. */
  BucketClassifier withThresholds(double novel, double confidence) {
    BucketClassifier other =
        new BucketClassifier(examples, model, k, novel, confidence, embed, neighbourWeight);
    other.vectors = vectors;
    return other;
  }

  /** A classifier whose examples are embedded by this embedder. */
  public static BucketClassifier train(
      List<LabelledExample> examples,
      int k,
      double novelThreshold,
      double minConfidence,
      Embedder embedder) {
    return train(examples, k, novelThreshold, minConfidence, embedder::embed);
  }

  public List<LabelledExample> examples() {
    return examples;
  }

  /** The decision on a text from its features alone. */
  public BucketDecision classify(String text) {
    return classify(text, null);
  }

  /**
   * The decision on a text.
   *
   * @param embeddingOrNull the text's embedding by the classifier's embedder, or null to decide on
   *     the text features alone
   * @throws IllegalArgumentException if the embedding's length is not the examples'
   */
  public BucketDecision classify(String text, float[] embeddingOrNull) {
    TextFeatures features = TextFeatures.of(text);
    double[] lexical = model.probabilities(features.values());
    Map<Content, String> contents = Content.of(features);
    if (embeddingOrNull == null) {
      return decide(lexical, features, contents, null, OptionalDouble.empty());
    }
    float[][] vectors = vectors();
    if (embeddingOrNull.length != vectors[0].length) {
      throw new IllegalArgumentException(
          "the embedding has "
              + embeddingOrNull.length
              + " dimensions but the examples' have "
              + vectors[0].length
              + ": embed chunks with the embedder the classifier was given");
    }
    double[] cosines = new double[vectors.length];
    double nearestKnown = -1;
    for (int i = 0; i < vectors.length; i++) {
      cosines[i] = Embedder.cosine(embeddingOrNull, vectors[i]);
      if (examples.get(i).bucket() != Bucket.NOVEL) {
        nearestKnown = Math.max(nearestKnown, cosines[i]);
      }
    }
    List<Integer> nearest = nearest(cosines);
    double[] vote = new double[Bucket.values().length];
    double total = 0;
    for (int i : nearest) {
      double weight = Math.max(cosines[i], 1e-3);
      vote[examples.get(i).bucket().ordinal()] += weight;
      total += weight;
    }
    double[] combined = new double[vote.length];
    for (int b = 0; b < vote.length; b++) {
      combined[b] = neighbourWeight * vote[b] / total + (1 - neighbourWeight) * lexical[b];
    }
    Neighbours neighbours = new Neighbours(nearest, cosines);
    return decide(combined, features, contents, neighbours, OptionalDouble.of(nearestKnown));
  }

  /** The indexes of the k examples of highest cosine, highest first. */
  private List<Integer> nearest(double[] cosines) {
    List<Integer> best = new ArrayList<>(k + 1);
    for (int i = 0; i < cosines.length; i++) {
      if (best.size() < k || cosines[i] > cosines[best.get(best.size() - 1)]) {
        int at = best.size();
        while (at > 0 && cosines[best.get(at - 1)] < cosines[i]) {
          at--;
        }
        best.add(at, i);
        if (best.size() > k) {
          best.remove(best.size() - 1);
        }
      }
    }
    return best;
  }

  private record Neighbours(List<Integer> indexes, double[] cosines) {}

  private BucketDecision decide(
      double[] probabilities,
      TextFeatures features,
      Map<Content, String> contents,
      Neighbours neighbours,
      OptionalDouble nearestKnown) {
    Bucket[] buckets = Bucket.values();
    List<Bucket> ranked =
        List.of(buckets).stream()
            .sorted(Comparator.comparingDouble((Bucket b) -> -probabilities[b.ordinal()]))
            .toList();
    Bucket leader = ranked.get(0);
    double confidence = probabilities[leader.ordinal()];
    if (nearestKnown.isPresent() && nearestKnown.getAsDouble() < novelThreshold) {
      String reason =
          String.format(
              Locale.ROOT,
              "novel: nearest example cosine %.2f < %.2f (%s)%s",
              nearestKnown.getAsDouble(),
              novelThreshold,
              examples.get(neighbours.indexes().get(0)).kind(),
              featureText(features, Bucket.NOVEL));
      return new BucketDecision(Bucket.NOVEL, confidence, contents, nearestKnown, reason);
    }
    if (confidence < minConfidence) {
      Bucket second = ranked.get(1);
      String reason =
          String.format(
              Locale.ROOT,
              "novel: split vote, %s %.2f, %s %.2f < %.2f",
              leader.label(),
              confidence,
              second.label(),
              probabilities[second.ordinal()],
              minConfidence);
      return new BucketDecision(Bucket.NOVEL, confidence, contents, nearestKnown, reason);
    }
    StringBuilder reason =
        new StringBuilder(String.format(Locale.ROOT, "%s %.2f", leader.label(), confidence));
    if (neighbours == null) {
      reason.append(" (no embedding)");
    } else {
      long agreeing =
          neighbours.indexes().stream().filter(i -> examples.get(i).bucket() == leader).count();
      int first = neighbours.indexes().get(0);
      reason.append(
          String.format(
              Locale.ROOT,
              ": %d of %d nearest are %s, closest %s %.2f",
              agreeing,
              neighbours.indexes().size(),
              leader.label(),
              examples.get(first).kind(),
              neighbours.cosines()[first]));
    }
    reason.append(featureText(features, leader));
    return new BucketDecision(leader, confidence, contents, nearestKnown, reason.toString());
  }

  /** "; table-rows 0.90, numbers 0.31": the two features that pushed towards the bucket most. */
  private String featureText(TextFeatures features, Bucket bucket) {
    List<Feature> strongest = model.strongest(features.values(), bucket, 2);
    if (strongest.isEmpty()) {
      return "";
    }
    return strongest.stream()
        .map(f -> String.format(Locale.ROOT, "%s %.2f", f.label(), features.value(f)))
        .collect(Collectors.joining(", ", "; ", ""));
  }

  private float[][] vectors() {
    float[][] computed = vectors;
    if (computed == null) {
      synchronized (this) {
        computed = vectors;
        if (computed == null) {
          List<float[]> embedded =
              embed.apply(examples.stream().map(LabelledExample::text).toList());
          computed = embedded.toArray(new float[0][]);
          vectors = computed;
        }
      }
    }
    return computed;
  }
}
