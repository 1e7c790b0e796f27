package io.precis.routing.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Multinomial logistic regression over the {@link TextFeatures}: one weight per bucket and feature,
 * trained on the labelled examples when a classifier is built (a few milliseconds, the same weights
 * every time). Features are standardized on the examples and clipped to 4 standard deviations, so
 * that an odd chunk cannot push a bucket without bound. Buckets are weighted by their number of
 * examples, so that a bucket with few examples is not drowned.
 */
final class LinearModel {
  private static final int ITERATIONS = 1500;
  private static final double LEARNING_RATE = 0.5;
  private static final double L2 = 1e-2;
  private static final double CLIP = 4;

  private final double[] mean;
  private final double[] scale;
  private final double[][] weights;
  private final double[] bias;
  private final boolean[] present;

  private LinearModel(
      double[] mean, double[] scale, double[][] weights, double[] bias, boolean[] present) {
    this.mean = mean;
    this.scale = scale;
    this.weights = weights;
    this.bias = bias;
    this.present = present;
  }

  /** Fits the weights to the examples' features by gradient descent. */
  static LinearModel train(List<double[]> features, List<Bucket> buckets) {
    int n = features.size();
    int d = Feature.values().length;
    int c = Bucket.values().length;
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (double[] x : features) {
      for (int f = 0; f < d; f++) {
        mean[f] += x[f] / n;
      }
    }
    for (double[] x : features) {
      for (int f = 0; f < d; f++) {
        scale[f] += (x[f] - mean[f]) * (x[f] - mean[f]) / n;
      }
    }
    for (int f = 0; f < d; f++) {
      scale[f] = Math.sqrt(scale[f]);
      if (scale[f] < 1e-9) {
        scale[f] = 1;
      }
    }
    int[] perBucket = new int[c];
    buckets.forEach(b -> perBucket[b.ordinal()]++);
    boolean[] present = new boolean[c];
    double[] classWeight = new double[c];
    int classes = 0;
    for (int k = 0; k < c; k++) {
      present[k] = perBucket[k] > 0;
      classes += present[k] ? 1 : 0;
    }
    for (int k = 0; k < c; k++) {
      classWeight[k] = present[k] ? (double) n / (classes * perBucket[k]) : 0;
    }
    double[][] z = new double[n][];
    for (int i = 0; i < n; i++) {
      z[i] = standardize(features.get(i), mean, scale);
    }
    double[][] weights = new double[c][d];
    double[] bias = new double[c];
    LinearModel model = new LinearModel(mean, scale, weights, bias, present);
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      double[][] gradient = new double[c][d];
      double[] biasGradient = new double[c];
      for (int i = 0; i < n; i++) {
        double[] p = model.softmax(z[i]);
        int label = buckets.get(i).ordinal();
        double w = classWeight[label] / n;
        for (int k = 0; k < c; k++) {
          if (!present[k]) {
            continue;
          }
          double error = (p[k] - (k == label ? 1 : 0)) * w;
          biasGradient[k] += error;
          for (int f = 0; f < d; f++) {
            gradient[k][f] += error * z[i][f];
          }
        }
      }
      for (int k = 0; k < c; k++) {
        bias[k] -= LEARNING_RATE * biasGradient[k];
        for (int f = 0; f < d; f++) {
          weights[k][f] -= LEARNING_RATE * (gradient[k][f] + L2 * weights[k][f]);
        }
      }
    }
    return model;
  }

  /** The probability of each bucket, indexed by {@link Bucket#ordinal()}. */
  double[] probabilities(double[] features) {
    return softmax(standardize(features, mean, scale));
  }

  /**
   * The features that push the text towards the bucket most, compared with the other buckets'
   * average pull, strongest first; only those that push it.
   */
  List<Feature> strongest(double[] features, Bucket bucket, int limit) {
    double[] z = standardize(features, mean, scale);
    int b = bucket.ordinal();
    List<double[]> pulls = new ArrayList<>();
    for (int f = 0; f < z.length; f++) {
      double others = 0;
      int count = 0;
      for (int k = 0; k < weights.length; k++) {
        if (present[k] && k != b) {
          others += weights[k][f];
          count++;
        }
      }
      double pull = (weights[b][f] - (count == 0 ? 0 : others / count)) * z[f];
      if (pull > 0) {
        pulls.add(new double[] {f, pull});
      }
    }
    pulls.sort(Comparator.comparingDouble((double[] p) -> p[1]).reversed());
    List<Feature> strongest = new ArrayList<>();
    for (int i = 0; i < Math.min(limit, pulls.size()); i++) {
      strongest.add(Feature.values()[(int) pulls.get(i)[0]]);
    }
    return strongest;
  }

  private double[] softmax(double[] z) {
    int c = weights.length;
    double[] logits = new double[c];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < c; k++) {
      if (!present[k]) {
        continue;
      }
      double logit = bias[k];
      for (int f = 0; f < z.length; f++) {
        logit += weights[k][f] * z[f];
      }
      logits[k] = logit;
      max = Math.max(max, logit);
    }
    double sum = 0;
    double[] p = new double[c];
    for (int k = 0; k < c; k++) {
      if (present[k]) {
        p[k] = Math.exp(logits[k] - max);
        sum += p[k];
      }
    }
    for (int k = 0; k < c; k++) {
      p[k] /= sum;
    }
    return p;
  }

  private static double[] standardize(double[] x, double[] mean, double[] scale) {
    double[] z = new double[x.length];
    for (int f = 0; f < x.length; f++) {
      z[f] = Math.max(-CLIP, Math.min(CLIP, (x[f] - mean[f]) / scale[f]));
    }
    return z;
  }
}
