package io.precis.routing.classify;

import io.precis.routing.embed.MiniLmEmbedder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bucket classifier measured on the shipped examples: accuracy per bucket on a held-out fifth
 * (in each bucket, in file order, every fifth example; trained on the other four fifths), its
 * confusion matrix, with the text features alone, the neighbours alone and both; the cosine to the
 * nearest known example (what the novel threshold is calibrated on); the decision time given the
 * embedding, and the embedding time per chunk. With {@code -Dprecis.corpus}, the share of each
 * bucket over chunks of the corpus's text and HTML files. Prints figures, asserts nothing:
 *
 * <pre>
 * ./mvnw -B -o -q test -pl routing -am -Dgroups=benchmark -Dexcluded.groups= \
 *     -Dtest=BucketClassifierBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dprecis.corpus=/work/shared/corpus
 * </pre>
 */
@Tag("benchmark")
class BucketClassifierBenchmark {
  static final Path EXAMPLES = Path.of("..", "conf", "routing", "bucket-examples.tsv");
  static final int K = 5;
  static final double NOVEL = 0.2;
  static final double CONFIDENCE = 0.4;

  @Test
  void heldOutFifth() throws IOException {
    List<LabelledExample> all = BucketExamples.read(EXAMPLES);
    List<LabelledExample> train = new ArrayList<>();
    List<LabelledExample> test = new ArrayList<>();
    split(all, train, test);
    System.out.printf(
        Locale.ROOT,
        "%d examples: %d to train, %d held out; %d cores, load %.2f%n",
        all.size(),
        train.size(),
        test.size(),
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    Map<String, float[]> vectors = new HashMap<>();
    try (MiniLmEmbedder embedder = new MiniLmEmbedder()) {
      embedder.embed(List.of("warm up the model"));
      List<String> texts = all.stream().map(LabelledExample::text).toList();
      long start = System.nanoTime();
      List<float[]> embedded = embedder.embed(texts);
      double perChunk = (System.nanoTime() - start) / 1e6 / texts.size();
      for (int i = 0; i < texts.size(); i++) {
        vectors.put(texts.get(i), embedded.get(i));
      }
      System.out.printf(
          Locale.ROOT,
          "embedding (MiniLM in-process, batch of %d, %.0f characters on average): %.1f ms per"
              + " chunk%n",
          texts.size(),
          texts.stream().mapToInt(String::length).average().orElse(0),
          perChunk);
      List<String> long1000 = new ArrayList<>();
      for (LabelledExample e : all) {
        StringBuilder text = new StringBuilder(e.text());
        while (text.length() < 2000) {
          text.append('\n').append(e.text());
        }
        long1000.add(text.substring(0, 2000));
      }
      start = System.nanoTime();
      embedder.embed(long1000.subList(0, 64));
      System.out.printf(
          Locale.ROOT,
          "embedding 2000-character chunks (about a 512-token chunk): %.1f ms per chunk%n",
          (System.nanoTime() - start) / 1e6 / 64);
    }

    BucketClassifier classifier =
        BucketClassifier.train(
            train, K, NOVEL, CONFIDENCE, texts -> texts.stream().map(vectors::get).toList());
    report("text features alone (no embedding)", classifier, test, null);
    report("neighbours alone", classifier.withNeighbourWeight(1), test, vectors);
    report("both (the default)", classifier, test, vectors);
    report(
        "both, no novel threshold or minimum confidence",
        classifier.withThresholds(-1, 0),
        test,
        vectors);

    // The novel threshold: the cosine of each example of simple, extraction or complex to its
    // nearest other one of them (leave one out), against each novel example's to its nearest one.
    List<Double> known = new ArrayList<>();
    List<Double> novel = new ArrayList<>();
    for (LabelledExample e : all) {
      double nearest = -1;
      for (LabelledExample other : all) {
        if (other != e && other.bucket() != Bucket.NOVEL) {
          nearest =
              Math.max(
                  nearest,
                  io.precis.routing.embed.Embedder.cosine(
                      vectors.get(e.text()), vectors.get(other.text())));
        }
      }
      (e.bucket() == Bucket.NOVEL ? novel : known).add(nearest);
    }
    System.out.println();
    System.out.println(
        "cosine to the nearest other example of simple, extraction or complex (MiniLM):");
    System.out.println("  simple/extraction/complex examples: " + quantiles(known));
    System.out.println("  novel examples:                     " + quantiles(novel));
    for (double threshold : new double[] {0.15, 0.18, 0.20, 0.22, 0.25, 0.30}) {
      System.out.printf(
          Locale.ROOT,
          "  below %.2f: %4.1f%% of known examples, %5.1f%% of novel examples%n",
          threshold,
          100.0 * known.stream().filter(c -> c < threshold).count() / known.size(),
          100.0 * novel.stream().filter(c -> c < threshold).count() / novel.size());
    }
    System.out.println();

    crossValidation(all, vectors);
    timing(classifier, test, vectors);
  }

  /** Accuracy over all examples, each fifth held out in turn (every n-th of each bucket). */
  private static void crossValidation(List<LabelledExample> all, Map<String, float[]> vectors) {
    double[] weights = {0, 0.3, 0.5, 0.7, 1};
    int[] right = new int[weights.length];
    int[] novelRight = new int[weights.length];
    int novel = 0;
    for (int fold = 0; fold < 5; fold++) {
      List<LabelledExample> train = new ArrayList<>();
      List<LabelledExample> test = new ArrayList<>();
      Map<Bucket, Integer> seen = new EnumMap<>(Bucket.class);
      for (LabelledExample e : all) {
        int n = seen.merge(e.bucket(), 1, Integer::sum);
        (n % 5 == fold ? test : train).add(e);
      }
      BucketClassifier classifier =
          BucketClassifier.train(
              train, K, NOVEL, CONFIDENCE, texts -> texts.stream().map(vectors::get).toList());
      for (LabelledExample e : test) {
        novel += e.bucket() == Bucket.NOVEL ? 1 : 0;
        for (int w = 0; w < weights.length; w++) {
          BucketDecision d =
              classifier
                  .withNeighbourWeight(weights[w])
                  .classify(e.text(), weights[w] == 0 ? null : vectors.get(e.text()));
          right[w] += d.bucket() == e.bucket() ? 1 : 0;
          novelRight[w] += d.bucket() == e.bucket() && e.bucket() == Bucket.NOVEL ? 1 : 0;
        }
      }
    }
    System.out.println(
        "five-fold cross-validation over all examples, by weight of the neighbours:");
    for (int w = 0; w < weights.length; w++) {
      System.out.printf(
          Locale.ROOT,
          "  %.1f%s: %.1f%% right (novel %d of %d)%n",
          weights[w],
          weights[w] == 0 ? " (no embedding)" : "",
          100.0 * right[w] / all.size(),
          novelRight[w],
          novel);
    }
  }

  @Test
  void corpusShares() throws IOException {
    String corpus = System.getProperty("precis.corpus");
    org.junit.jupiter.api.Assumptions.assumeTrue(corpus != null, "set -Dprecis.corpus");
    List<CorpusChunk> chunks =
        corpusChunks(Path.of(corpus), Integer.getInteger("precis.chunks", 600));
    List<String> texts = chunks.stream().map(CorpusChunk::text).toList();
    try (MiniLmEmbedder embedder = new MiniLmEmbedder()) {
      BucketClassifier classifier =
          BucketClassifier.train(BucketExamples.read(EXAMPLES), K, NOVEL, CONFIDENCE, embedder);
      long start = System.nanoTime();
      List<float[]> vectors = embedder.embed(texts);
      System.out.printf(
          Locale.ROOT,
          "%d corpus chunks, %.0f characters on average, embedded in %.1f ms per chunk%n",
          chunks.size(),
          texts.stream().mapToInt(String::length).average().orElse(0),
          (System.nanoTime() - start) / 1e6 / chunks.size());
      Map<String, Map<Bucket, Integer>> bySource = new java.util.TreeMap<>();
      Map<Bucket, Integer> withEmbedding = new EnumMap<>(Bucket.class);
      Map<Bucket, Integer> withoutEmbedding = new EnumMap<>(Bucket.class);
      Map<Content, Integer> contents = new EnumMap<>(Content.class);
      Map<String, Integer> novelWhy = new java.util.TreeMap<>();
      int agree = 0;
      List<Double> nearest = new ArrayList<>();
      for (int i = 0; i < chunks.size(); i++) {
        BucketDecision decision = classifier.classify(texts.get(i), vectors.get(i));
        BucketDecision lexical = classifier.classify(texts.get(i));
        withEmbedding.merge(decision.bucket(), 1, Integer::sum);
        withoutEmbedding.merge(lexical.bucket(), 1, Integer::sum);
        agree += decision.bucket() == lexical.bucket() ? 1 : 0;
        bySource
            .computeIfAbsent(chunks.get(i).source(), s -> new EnumMap<>(Bucket.class))
            .merge(decision.bucket(), 1, Integer::sum);
        nearest.add(decision.nearestCosine().orElseThrow());
        decision.contents().keySet().forEach(c -> contents.merge(c, 1, Integer::sum));
        if (decision.bucket() == Bucket.NOVEL) {
          novelWhy.merge(
              decision.reason().startsWith("novel: nearest")
                  ? "distance"
                  : decision.reason().startsWith("novel: split") ? "split vote" : "vote",
              1,
              Integer::sum);
        }
        if (i % SAMPLE_EVERY == 0) {
          System.out.println(
              "  "
                  + chunks.get(i).source()
                  + " | "
                  + decision.reason()
                  + " | "
                  + texts
                      .get(i)
                      .substring(0, Math.min(100, texts.get(i).length()))
                      .replaceAll("\\s+", " "));
        }
      }
      System.out.println("bucket shares with embeddings:    " + shares(withEmbedding));
      System.out.println("bucket shares without embeddings: " + shares(withoutEmbedding));
      System.out.printf(
          Locale.ROOT,
          "same bucket with and without embeddings: %.1f%%%n",
          100.0 * agree / chunks.size());
      bySource.forEach(
          (source, counts) -> System.out.println("  " + source + ": " + shares(counts)));
      System.out.println("novel because of: " + novelWhy);
      System.out.println("contents: " + contents + " of " + chunks.size());
      System.out.println("nearest known example, cosine: " + quantiles(nearest));

      // The first tier of each chunk's route under the default routing settings.
      io.precis.core.config.PrecisSettings settings =
          io.precis.core.config.PrecisSettings.from(
              io.precis.core.config.ConfigLoader.load(java.util.Optional.empty(), List.of()));
      io.precis.routing.BucketRoutingPolicy policy =
          io.precis.routing.BucketRoutingPolicy.from(settings);
      Map<String, Integer> tiers = new java.util.TreeMap<>();
      Map<String, Integer> tiersWithout = new java.util.TreeMap<>();
      int pinned = 0;
      for (int i = 0; i < chunks.size(); i++) {
        io.precis.core.model.Chunk chunk = io.precis.core.model.Chunk.of("d", i, texts.get(i), 0);
        io.precis.routing.Route route = policy.route(chunk, "default", vectors.get(i));
        tiers.merge(route.tier(), 1, Integer::sum);
        pinned += route.reason().startsWith("pinned") ? 1 : 0;
        tiersWithout.merge(policy.route(chunk, "default", null).tier(), 1, Integer::sum);
      }
      System.out.println(
          "first tier under the default routing, with embeddings: "
              + tiers
              + ", without: "
              + tiersWithout
              + " ("
              + pinned
              + " pinned)");
    }
  }

  private static final int SAMPLE_EVERY = Integer.getInteger("precis.sample-every", 25);

  record CorpusChunk(String source, String text) {}

  /** In each bucket, in file order, every fifth example is held out. */
  static void split(
      List<LabelledExample> all, List<LabelledExample> train, List<LabelledExample> test) {
    Map<Bucket, Integer> seen = new EnumMap<>(Bucket.class);
    for (LabelledExample e : all) {
      int n = seen.merge(e.bucket(), 1, Integer::sum);
      (n % 5 == 0 ? test : train).add(e);
    }
  }

  private static void report(
      String title,
      BucketClassifier classifier,
      List<LabelledExample> test,
      Map<String, float[]> vectors) {
    int size = Bucket.values().length;
    int[][] confusion = new int[size][size];
    List<String> misses = new ArrayList<>();
    for (LabelledExample e : test) {
      BucketDecision d =
          classifier.classify(e.text(), vectors == null ? null : vectors.get(e.text()));
      confusion[e.bucket().ordinal()][d.bucket().ordinal()]++;
      if (d.bucket() != e.bucket()) {
        misses.add(
            String.format(
                Locale.ROOT,
                "    line %d %s/%s -> %s",
                e.line(),
                e.bucket().label(),
                e.kind(),
                d.reason()));
      }
    }
    int right = 0;
    System.out.println();
    System.out.println(title + ":");
    System.out.printf(
        Locale.ROOT,
        "  %-12s %8s %8s   confusion (rows: labelled, columns: decided)%n",
        "bucket",
        "accuracy",
        "n");
    System.out.printf(Locale.ROOT, "  %-12s %8s %8s  ", "", "", "");
    for (Bucket b : Bucket.values()) {
      System.out.printf(Locale.ROOT, " %10s", b.label());
    }
    System.out.println();
    for (Bucket b : Bucket.values()) {
      int[] row = confusion[b.ordinal()];
      int n = Arrays.stream(row).sum();
      right += row[b.ordinal()];
      System.out.printf(
          Locale.ROOT, "  %-12s %7.0f%% %8d  ", b.label(), 100.0 * row[b.ordinal()] / n, n);
      for (int count : row) {
        System.out.printf(Locale.ROOT, " %10d", count);
      }
      System.out.println();
    }
    System.out.printf(
        Locale.ROOT, "  %-12s %7.0f%% %8d%n", "all", 100.0 * right / test.size(), test.size());
    misses.forEach(System.out::println);
  }

  /**
   * Decision times: wall-clock, and CPU time of the deciding thread (which leaves out the time the
   * thread waited for a core: on a loaded machine the wall-clock tail is mostly that).
   */
  private static void timing(
      BucketClassifier classifier, List<LabelledExample> test, Map<String, float[]> vectors) {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (String mode : List.of("with the embedding given", "without embedding")) {
      boolean embedded = mode.startsWith("with ");
      for (int i = 0; i < 2000; i++) {
        LabelledExample e = test.get(i % test.size());
        classifier.classify(e.text(), embedded ? vectors.get(e.text()) : null);
      }
      int rounds = 50;
      long[] wall = new long[rounds * test.size()];
      long[] cpu = new long[wall.length];
      int n = 0;
      for (int r = 0; r < rounds; r++) {
        for (LabelledExample e : test) {
          float[] vector = embedded ? vectors.get(e.text()) : null;
          long cpuStart = threads.getCurrentThreadCpuTime();
          long start = System.nanoTime();
          classifier.classify(e.text(), vector);
          wall[n] = System.nanoTime() - start;
          cpu[n++] = threads.getCurrentThreadCpuTime() - cpuStart;
        }
      }
      Arrays.sort(wall);
      Arrays.sort(cpu);
      System.out.printf(
          Locale.ROOT,
          "decision time %s, %d decisions: wall p50 %.3f ms, p99 %.3f ms, max %.3f ms;"
              + " CPU p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
          mode,
          wall.length,
          wall[wall.length / 2] / 1e6,
          wall[(int) (wall.length * 0.99)] / 1e6,
          wall[wall.length - 1] / 1e6,
          cpu[cpu.length / 2] / 1e6,
          cpu[(int) (cpu.length * 0.99)] / 1e6,
          cpu[cpu.length - 1] / 1e6);
    }
  }

  static String quantiles(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return String.format(
        Locale.ROOT,
        "n %d, min %.3f, p5 %.3f, p25 %.3f, median %.3f, p75 %.3f, max %.3f",
        sorted.length,
        sorted[0],
        sorted[(int) (sorted.length * 0.05)],
        sorted[sorted.length / 4],
        sorted[sorted.length / 2],
        sorted[sorted.length * 3 / 4],
        sorted[sorted.length - 1]);
  }

  private static String shares(Map<Bucket, Integer> counts) {
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    StringBuilder text = new StringBuilder();
    for (Bucket b : Bucket.values()) {
      text.append(
          String.format(
              Locale.ROOT, "%s %.1f%%  ", b.label(), 100.0 * counts.getOrDefault(b, 0) / total));
    }
    return text.append("(n ").append(total).append(")").toString();
  }

  /**
   * Chunks of about 1,500 characters cut at blank lines from the corpus's plain text and HTML files
   * (tags stripped), every n-th kept so that at most {@code limit} remain.
   */
  static List<CorpusChunk> corpusChunks(Path corpus, int limit) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(corpus)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> p.toString().endsWith(".txt") || p.toString().endsWith(".html"))
              .sorted()
              .toList();
    }
    List<CorpusChunk> chunks = new ArrayList<>();
    for (Path file : files) {
      String source = corpus.relativize(file).getName(0).toString();
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      if (file.toString().endsWith(".html")) {
        text =
            text.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ")
                .replaceAll("(?i)<(br|/p|/div|/h\\d|/li|/tr|/pre)[^>]*>", "\n\n")
                .replaceAll("<[^>]+>", "")
                .replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
                .replaceAll("[ \\t]+\\n", "\n")
                .replaceAll("\\n{3,}", "\n\n");
        text =
            java.util.regex.Pattern.compile("&#(\\d+);")
                .matcher(text)
                .replaceAll(m -> new String(Character.toChars(Integer.parseInt(m.group(1)))));
      }
      StringBuilder chunk = new StringBuilder();
      for (String paragraph : text.split("\\n\\s*\\n")) {
        if (paragraph.isBlank()) {
          continue;
        }
        if (chunk.length() + paragraph.length() > 1500 && chunk.length() > 0) {
          chunks.add(new CorpusChunk(source, chunk.toString().strip()));
          chunk.setLength(0);
        }
        chunk.append(paragraph.strip()).append("\n\n");
      }
      if (!chunk.toString().isBlank()) {
        chunks.add(new CorpusChunk(source, chunk.toString().strip()));
      }
    }
    chunks.removeIf(c -> c.text().length() < 40);
    int step = Math.max(1, chunks.size() / limit);
    List<CorpusChunk> sample = new ArrayList<>();
    for (int i = 0; i < chunks.size() && sample.size() < limit; i += step) {
      sample.add(chunks.get(i));
    }
    return sample;
  }
}
