package io.precis.jobs.summarize.dedupe;

import io.precis.chunking.DocumentPipeline;
import io.precis.chunking.DocumentPipeline.ProcessedDocument;
import io.precis.chunking.source.LocalDocumentSource;
import io.precis.core.config.ConfigLoader;
import io.precis.core.config.DedupeSettings;
import io.precis.core.config.EmbedderSettings;
import io.precis.core.config.PrecisSettings;
import io.precis.core.config.SparkSettings;
import io.precis.core.model.Chunk;
import io.precis.core.model.DocumentRef;
import io.precis.jobs.spark.SparkSessions;
import io.precis.routing.dedupe.BucketPairs;
import io.precis.routing.dedupe.HyperplaneLsh;
import io.precis.routing.dedupe.MinHashBands;
import io.precis.routing.dedupe.PairVeto;
import io.precis.routing.dedupe.RepresentativeRule;
import io.precis.routing.dedupe.SimilarityEdge;
import io.precis.routing.embed.Embedder;
import io.precis.routing.embed.Embedders;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The in-run dedupe on the shared corpus, chunked by the project's own pipeline. Not part of the
 * build: run it with
 *
 * <pre>
 * ./mvnw -B -o -q test -pl jobs -am -Dgroups=benchmark -Dexcluded.groups= \
 *     -Dtest=DedupeBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dprecis.corpus=/work/shared/corpus
 * </pre>
 *
 * Options (system properties): {@code precis.dedupe.max-tokens} (chunk size, default 256), {@code
 * precis.dedupe.thresholds} (default 0.90,0.92,0.95), {@code precis.dedupe.tables}, {@code .bits},
 * {@code .bucket-limit} (default: reference.conf). Chunks and vectors are cached under
 * target/dedupe-bench, so only the first run parses and embeds (minutes on two cores).
 */
@Tag("benchmark")
class DedupeBenchmark {
  private static final Path OUT = Path.of("target", "dedupe-bench");
  private static final int PARTITIONS = 8;
  private static final String SCOPE = "corpus";

  /**
   * Semantic stage against a brute-force all-pairs check at the same threshold, over the same
   * embedded chunks (those the exact and near stages left).
   */
  @Test
  void semanticStageAgainstAllPairs() throws Exception {
    List<BenchChunk> chunks = chunks();
    DedupeSettings defaults = settings();
    SparkSession spark = spark();
    try {
      JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
      // Exact and near first: the semantic stage sees what they leave.
      DedupeSettings nearOnly = with(defaults, false, defaults.semanticThreshold());
      long start = System.nanoTime();
      List<DedupeDecision> first =
          ChunkDedupe.run(
                  context.parallelize(items(chunks, Map.of()), PARTITIONS),
                  nearOnly,
                  EmbedderSettings.minilm(),
                  PairVeto.NONE,
                  PARTITIONS)
              .collect();
      double nearSeconds = seconds(start);
      Map<DedupeStage, Long> stages = stages(first);
      Set<String> survivorIds =
          first.stream()
              .filter(d -> !d.duplicate())
              .map(DedupeDecision::chunkId)
              .collect(Collectors.toSet());
      List<BenchChunk> survivors =
          chunks.stream().filter(c -> survivorIds.contains(c.chunkId)).toList();
      report(
          "corpus: %d chunks (max-tokens %d); exact %d, near %d duplicates in %.1f s;"
              + " %d chunks reach the semantic stage%n",
          chunks.size(),
          maxTokens(),
          stages.getOrDefault(DedupeStage.EXACT, 0L),
          stages.getOrDefault(DedupeStage.NEAR, 0L),
          nearSeconds,
          survivors.size());

      nearAgainstAllPairs(context, chunks, defaults);

      Map<String, float[]> vectors = vectors(survivors);
      List<DedupeItem> embedded = items(survivors, vectors);
      List<Double> thresholds = thresholds();
      double lowest = thresholds.stream().min(Double::compare).orElseThrow();

      start = System.nanoTime();
      List<SimilarityEdge> allPairs = bruteForce(embedded, lowest);
      double bruteSeconds = seconds(start);
      long n = embedded.size();
      report(
          "brute force: %d chunks, %d pairs compared, %d pairs >= %.2f in %.1f s (2 threads)%n",
          n, n * (n - 1) / 2, allPairs.size(), lowest, bruteSeconds);

      JavaRDD<DedupeItem> rdd = context.parallelize(embedded, PARTITIONS).cache();
      rdd.count();
      ChunkDedupe.semanticEdges(rdd, defaults, PARTITIONS, null).count(); // warm-up
      report(
          "LSH: %d tables x %d bits, bucket limit %d%n",
          defaults.semanticTables(), defaults.semanticBits(), defaults.bucketLimit());
      for (double threshold : thresholds) {
        DedupeSettings at = with(defaults, true, threshold);
        LongAccumulator compared = context.sc().longAccumulator();
        start = System.nanoTime();
        List<SimilarityEdge> found =
            ChunkDedupe.semanticEdges(rdd, at, PARTITIONS, compared).collect();
        double lshSeconds = seconds(start);
        List<SimilarityEdge> truth =
            allPairs.stream().filter(e -> e.similarity() >= threshold).toList();
        Set<String> truthKeys =
            truth.stream().map(DedupeBenchmark::key).collect(Collectors.toSet());
        long hit = found.stream().filter(e -> truthKeys.contains(key(e))).count();
        Set<String> truthDuplicates = duplicates(truth);
        Set<String> foundDuplicates = duplicates(found);
        long dupHit = foundDuplicates.stream().filter(truthDuplicates::contains).count();
        report(
            "threshold %.2f: %d chunks | brute-force pairs >= t: %d | LSH compared %d pairs"
                + " (%.2f%% of all), found %d | edge recall %.4f | duplicates: brute force %d,"
                + " LSH %d, recall %.4f (LSH-only %d) | time LSH %.1f s vs brute force %.1f s"
                + " (%.1fx)%n",
            threshold,
            n,
            truth.size(),
            compared.value(),
            100.0 * compared.value() / (n * (n - 1) / 2.0),
            found.size(),
            truth.isEmpty() ? 1.0 : (double) hit / truth.size(),
            truthDuplicates.size(),
            foundDuplicates.size(),
            truthDuplicates.isEmpty() ? 1.0 : (double) dupHit / truthDuplicates.size(),
            foundDuplicates.size() - dupHit,
            lshSeconds,
            bruteSeconds,
            bruteSeconds / lshSeconds);
      }

      // The whole stage end to end, vectors given (embedding is timed apart above).
      start = System.nanoTime();
      List<DedupeDecision> all =
          ChunkDedupe.run(
                  context.parallelize(items(chunks, vectors), PARTITIONS),
                  defaults,
                  EmbedderSettings.minilm(),
                  PairVeto.NONE,
                  PARTITIONS)
              .collect();
      report(
          "whole stage at %.2f, %d chunks, vectors given: %s in %.1f s%n",
          defaults.semanticThreshold(), all.size(), stages(all), seconds(start));
    } finally {
      spark.stop();
    }
  }

  /** The near stage's LSH edges against all pairs of the exact stage's survivors. */
  private static void nearAgainstAllPairs(
      JavaSparkContext context, List<BenchChunk> chunks, DedupeSettings settings) throws Exception {
    Map<String, BenchChunk> firstOfText = new TreeMap<>();
    for (BenchChunk c : chunks) {
      firstOfText.merge(c.textHash, c, (a, b) -> a.chunkId.compareTo(b.chunkId) <= 0 ? a : b);
    }
    List<DedupeItem> survivors = items(new ArrayList<>(firstOfText.values()), Map.of());
    double threshold = settings.nearThreshold();
    long start = System.nanoTime();
    ConcurrentLinkedQueue<SimilarityEdge> truth = new ConcurrentLinkedQueue<>();
    ForkJoinPool pool = new ForkJoinPool(2);
    try {
      pool.submit(
              () ->
                  IntStream.range(0, survivors.size())
                      .parallel()
                      .forEach(
                          i -> {
                            int[] a = survivors.get(i).minhash();
                            for (int j = i + 1; j < survivors.size(); j++) {
                              double jaccard = MinHashBands.jaccard(a, survivors.get(j).minhash());
                              if (jaccard >= threshold) {
                                truth.add(
                                    SimilarityEdge.of(
                                        survivors.get(i).chunkId(),
                                        survivors.get(j).chunkId(),
                                        jaccard));
                              }
                            }
                          }))
          .get();
    } finally {
      pool.shutdown();
    }
    double bruteSeconds = seconds(start);
    JavaRDD<DedupeItem> rdd = context.parallelize(survivors, PARTITIONS).cache();
    rdd.count();
    LongAccumulator compared = context.sc().longAccumulator();
    start = System.nanoTime();
    List<SimilarityEdge> found =
        ChunkDedupe.nearEdges(rdd, settings, PARTITIONS, compared).collect();
    double lshSeconds = seconds(start);
    Set<String> truthKeys = truth.stream().map(DedupeBenchmark::key).collect(Collectors.toSet());
    long hit = found.stream().filter(e -> truthKeys.contains(key(e))).count();
    Set<String> truthDuplicates = duplicates(new ArrayList<>(truth));
    Set<String> foundDuplicates = duplicates(found);
    long dupHit = foundDuplicates.stream().filter(truthDuplicates::contains).count();
    long n = survivors.size();
    Map<String, Integer> buckets = new HashMap<>();
    MinHashBands banding = new MinHashBands(settings.nearBands());
    for (DedupeItem item : survivors) {
      long[] keys = banding.keys(item.minhash());
      for (int band = 0; band < keys.length; band++) {
        buckets.merge(band + ":" + keys[band], 1, Integer::sum);
      }
    }
    int cap = 2 * settings.bucketLimit() + 1;
    report(
        "near buckets: largest %d chunks, %d buckets over %d (capped)%n",
        buckets.values().stream().mapToInt(Integer::intValue).max().orElse(0),
        buckets.values().stream().filter(size -> size > cap).count(),
        cap);
    report(
        "near %.2f, %d bands, bucket limit %d: %d chunks | brute-force pairs >= t: %d | LSH"
            + " compared %d pairs, found %d | edge recall %.4f | duplicates: brute force %d, LSH"
            + " %d, recall %.4f | time LSH %.1f s vs brute force %.1f s (%.1fx)%n",
        threshold,
        settings.nearBands(),
        settings.bucketLimit(),
        n,
        truth.size(),
        compared.value(),
        found.size(),
        truth.isEmpty() ? 1.0 : (double) hit / truth.size(),
        truthDuplicates.size(),
        foundDuplicates.size(),
        truthDuplicates.isEmpty() ? 1.0 : (double) dupHit / truthDuplicates.size(),
        lshSeconds,
        bruteSeconds,
        bruteSeconds / lshSeconds);
  }

  /**
   * LSH parameters, measured without Spark: for each tables x bits, the share of the brute-force
   * pairs that share a key in some table, and the pairs the buckets would compare.
   */
  @Test
  void lshParameters() throws Exception {
    List<BenchChunk> chunks = chunks();
    Set<String> survivorIds = nearSurvivors(chunks);
    List<BenchChunk> survivors =
        chunks.stream().filter(c -> survivorIds.contains(c.chunkId)).toList();
    Map<String, float[]> vectors = vectors(survivors);
    List<DedupeItem> embedded = items(survivors, vectors);
    double lowest = thresholds().stream().min(Double::compare).orElseThrow();
    List<SimilarityEdge> allPairs = bruteForce(embedded, lowest);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < embedded.size(); i++) {
      index.put(embedded.get(i).chunkId(), i);
    }
    int limit = settings().bucketLimit();
    report(
        "%d chunks, %d pairs >= %.2f; bucket limit %d%n",
        embedded.size(), allPairs.size(), lowest, limit);
    for (int bits : new int[] {8, 10, 12, 14, 16}) {
      int maxTables = 24;
      HyperplaneLsh lsh = new HyperplaneLsh(384, maxTables, bits);
      int[][] keys = new int[embedded.size()][];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = lsh.keys(embedded.get(i).vector());
      }
      for (int tables : new int[] {4, 8, 12, 16, 20, 24}) {
        StringBuilder line = new StringBuilder();
        for (double threshold : thresholds()) {
          long total = 0;
          long hit = 0;
          for (SimilarityEdge e : allPairs) {
            if (e.similarity() < threshold) {
              continue;
            }
            total++;
            int[] a = keys[index.get(e.smaller())];
            int[] b = keys[index.get(e.larger())];
            for (int t = 0; t < tables; t++) {
              if (a[t] == b[t]) {
                hit++;
                break;
              }
            }
          }
          line.append(String.format(" recall@%.2f %.4f", threshold, (double) hit / total));
        }
        long compared = 0;
        int largest = 0;
        for (int t = 0; t < tables; t++) {
          Map<Integer, Integer> sizes = new HashMap<>();
          for (int[] k : keys) {
            sizes.merge(k[t], 1, Integer::sum);
          }
          for (int size : sizes.values()) {
            compared += BucketPairs.count(size, limit);
            largest = Math.max(largest, size);
          }
        }
        report(
            "tables %2d bits %2d:%s | compared %d pairs, largest bucket %d%n",
            tables, bits, line, compared, largest);
      }
    }
  }

  /**
   * The licences folder alone through the whole stage: the share of chunks resolved per stage, and
   * 50 accepted near or semantic pairs written out for judging by hand.
   */
  @Test
  void licences() throws Exception {
    List<BenchChunk> chunks = chunks().stream().filter(c -> c.folder.equals("licenses")).toList();
    DedupeSettings defaults = settings();
    Set<String> survivorIds = nearSurvivors(chunks);
    Map<String, float[]> vectors =
        vectors(chunks.stream().filter(c -> survivorIds.contains(c.chunkId)).toList());
    Map<String, BenchChunk> byId =
        chunks.stream().collect(Collectors.toMap(c -> c.chunkId, c -> c));
    // Exact copies (a chunk of equal text and smaller id exists): removed by the exact stage.
    Map<String, String> firstOfText = new HashMap<>();
    for (BenchChunk c : chunks) {
      firstOfText.merge(c.textHash, c.chunkId, (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }
    Set<String> copies =
        chunks.stream()
            .filter(c -> !firstOfText.get(c.textHash).equals(c.chunkId))
            .map(c -> c.chunkId)
            .collect(Collectors.toSet());
    SparkSession spark = spark();
    try {
      JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
      for (double threshold : thresholds()) {
        DedupeSettings at = with(defaults, true, threshold);
        List<DedupeDecision> decisions =
            ChunkDedupe.run(
                    context.parallelize(items(chunks, vectors), PARTITIONS),
                    at,
                    EmbedderSettings.minilm(),
                    veto(),
                    PARTITIONS)
                .collect();
        Map<DedupeStage, Long> stages = stages(decisions);
        long duplicates = stages.values().stream().mapToLong(Long::longValue).sum();
        report(
            "licenses at semantic %.2f / near %.2f%s: %d chunks, %d duplicates (%.1f%%): exact %d"
                + " (%.1f%%), near %d (%.1f%%), semantic %d (%.1f%%)%n",
            threshold,
            at.nearThreshold(),
            veto() == PairVeto.NONE ? "" : ", numbers veto",
            decisions.size(),
            duplicates,
            100.0 * duplicates / decisions.size(),
            stages.getOrDefault(DedupeStage.EXACT, 0L),
            100.0 * stages.getOrDefault(DedupeStage.EXACT, 0L) / decisions.size(),
            stages.getOrDefault(DedupeStage.NEAR, 0L),
            100.0 * stages.getOrDefault(DedupeStage.NEAR, 0L) / decisions.size(),
            stages.getOrDefault(DedupeStage.SEMANTIC, 0L),
            100.0 * stages.getOrDefault(DedupeStage.SEMANTIC, 0L) / decisions.size());
        // The stage that removed each chunk first: an exact copy of a chunk that became a semantic
        // duplicate is SEMANTIC in its decision (it points at the semantic representative) but
        // was removed by the exact stage.
        Map<DedupeStage, Long> first = new TreeMap<>();
        for (DedupeDecision d : decisions) {
          if (!d.duplicate()) {
            continue;
          }
          first.merge(copies.contains(d.chunkId()) ? DedupeStage.EXACT : d.stage(), 1L, Long::sum);
        }
        report("  by the stage that removed them first: %s%n", first);
        Path file =
            OUT.resolve(
                String.format(
                    "license-pairs-%.2f%s.txt",
                    threshold, veto() == PairVeto.NONE ? "" : "-veto-numbers"));
        writePairs(file, decisions, byId, copies);
        report("50 accepted pairs for judging: %s%n", file.toAbsolutePath());
      }
    } finally {
      spark.stop();
    }
  }

  /**
   * 25 semantic and 25 near pairs (or more of one when the other has fewer), in hash order; exact
   * copies are left out (their pair is their original's).
   */
  private static void writePairs(
      Path file, List<DedupeDecision> decisions, Map<String, BenchChunk> byId, Set<String> copies)
      throws IOException {
    List<DedupeDecision> accepted =
        decisions.stream().filter(d -> !copies.contains(d.chunkId())).toList();
    List<DedupeDecision> picked = new ArrayList<>();
    List<DedupeDecision> semantic = sample(accepted, DedupeStage.SEMANTIC);
    List<DedupeDecision> near = sample(accepted, DedupeStage.NEAR);
    int semanticCount = Math.min(semantic.size(), Math.max(25, 50 - near.size()));
    picked.addAll(semantic.subList(0, semanticCount));
    picked.addAll(near.subList(0, Math.min(near.size(), 50 - semanticCount)));
    StringBuilder out = new StringBuilder();
    int number = 0;
    for (DedupeDecision d : picked) {
      number++;
      out.append(
          String.format(
              "=== pair %d: %s %.4f  %s (%s) -> %s (%s)%n--- duplicate:%n%s%n--- representative:%n%s%n%n",
              number,
              d.stage(),
              d.similarity(),
              d.chunkId(),
              byId.get(d.chunkId()).document,
              d.duplicateOf(),
              byId.get(d.duplicateOf()).document,
              byId.get(d.chunkId()).text,
              byId.get(d.duplicateOf()).text));
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, out);
  }

  private static List<DedupeDecision> sample(List<DedupeDecision> decisions, DedupeStage stage) {
    return decisions.stream()
        .filter(d -> d.stage() == stage)
        .sorted(Comparator.comparing(d -> Chunk.textHash(d.chunkId() + d.duplicateOf())))
        .toList();
  }

  private static Set<String> nearSurvivors(List<BenchChunk> chunks) {
    SparkSession spark = spark();
    try {
      JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
      DedupeSettings nearOnly = with(settings(), false, 0.95);
      return ChunkDedupe.run(
              context.parallelize(items(chunks, Map.of()), PARTITIONS),
              nearOnly,
              EmbedderSettings.minilm(),
              PairVeto.NONE,
              PARTITIONS)
          .filter(d -> !d.duplicate())
          .map(DedupeDecision::chunkId)
          .collect()
          .stream()
          .collect(Collectors.toSet());
    } finally {
      spark.stop();
    }
  }

  /** The duplicates the representative rule picks from the edges. */
  private static Set<String> duplicates(List<SimilarityEdge> edges) {
    Set<String> out = new HashSet<>();
    RepresentativeRule.resolve(edges, RepresentativeRule.ROUNDS)
        .forEach(
            (id, v) -> {
              if (v.duplicate()) {
                out.add(id);
              }
            });
    return out;
  }

  /** Every pair of the items with cosine at least the threshold, on two threads. */
  static List<SimilarityEdge> bruteForce(List<DedupeItem> items, double threshold)
      throws Exception {
    ConcurrentLinkedQueue<SimilarityEdge> edges = new ConcurrentLinkedQueue<>();
    ForkJoinPool pool = new ForkJoinPool(2);
    try {
      pool.submit(
              () ->
                  IntStream.range(0, items.size())
                      .parallel()
                      .forEach(
                          i -> {
                            float[] a = items.get(i).vector();
                            for (int j = i + 1; j < items.size(); j++) {
                              double cosine = Embedder.cosine(a, items.get(j).vector());
                              if (cosine >= threshold) {
                                edges.add(
                                    SimilarityEdge.of(
                                        items.get(i).chunkId(), items.get(j).chunkId(), cosine));
                              }
                            }
                          }))
          .get();
    } finally {
      pool.shutdown();
    }
    return new ArrayList<>(edges);
  }

  private static String key(SimilarityEdge e) {
    return e.smaller() + "|" + e.larger();
  }

  private static Map<DedupeStage, Long> stages(List<DedupeDecision> decisions) {
    return decisions.stream()
        .filter(DedupeDecision::duplicate)
        .collect(Collectors.groupingBy(DedupeDecision::stage, TreeMap::new, Collectors.counting()));
  }

  private static List<DedupeItem> items(List<BenchChunk> chunks, Map<String, float[]> vectors) {
    List<DedupeItem> items = new ArrayList<>(chunks.size());
    for (BenchChunk c : chunks) {
      items.add(
          new DedupeItem(c.chunkId, SCOPE, c.textHash, c.minhash, c.text, vectors.get(c.chunkId)));
    }
    return items;
  }

  /**
   * The veto of the run: {@code -Dprecis.dedupe.veto=numbers} objects when the two texts hold
   * different sets of numbers (a stand-in for the real guards); none by default.
   */
  private static PairVeto veto() {
    if (!"numbers".equals(System.getProperty("precis.dedupe.veto"))) {
      return PairVeto.NONE;
    }
    return (a, b) -> numbers(a).equals(numbers(b)) ? Optional.empty() : Optional.of("numbers");
  }

  private static Set<String> numbers(String text) {
    Set<String> numbers = new java.util.TreeSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+(?:\\.\\d+)*").matcher(text);
    while (m.find()) {
      numbers.add(m.group());
    }
    return numbers;
  }

  private static DedupeSettings with(DedupeSettings s, boolean semantic, double threshold) {
    return new DedupeSettings(
        s.enabled(),
        s.nearThreshold(),
        semantic,
        threshold,
        s.nearBands(),
        s.semanticTables(),
        s.semanticBits(),
        s.bucketLimit());
  }

  private static DedupeSettings settings() {
    List<String> overrides = new ArrayList<>();
    for (String key : List.of("tables", "bits", "bucket-limit", "near-threshold")) {
      String value = System.getProperty("precis.dedupe." + key);
      if (value != null) {
        String name = key.equals("tables") || key.equals("bits") ? "semantic-" + key : key;
        overrides.add("dedupe." + name + "=" + value);
      }
    }
    return PrecisSettings.from(ConfigLoader.load(Optional.empty(), overrides)).dedupe();
  }

  private static List<Double> thresholds() {
    return java.util.Arrays.stream(
            System.getProperty("precis.dedupe.thresholds", "0.90,0.92,0.95").split(","))
        .map(Double::parseDouble)
        .toList();
  }

  private static int maxTokens() {
    return Integer.getInteger("precis.dedupe.max-tokens", 256);
  }

  private static SparkSession spark() {
    SparkSession spark =
        SparkSessions.create(
            new SparkSettings("local[2]", "dedupe-benchmark", 0, Map.of()),
            Optional.of("local[2]"));
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  /** Prints a line, and appends it to target/dedupe-bench/report.txt (surefire buffers stdout). */
  private static void report(String format, Object... args) {
    String line = String.format(format, args);
    System.out.print(line);
    try {
      Files.createDirectories(OUT);
      Files.writeString(
          OUT.resolve("report.txt"),
          line,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  /** A chunk of the corpus with the folder it came from. */
  record BenchChunk(
      String chunkId, String folder, String document, String textHash, int[] minhash, String text)
      implements Serializable {}

  /** The corpus chunked by DocumentPipeline (in-process parsing), cached in target/. */
  @SuppressWarnings("unchecked")
  private static List<BenchChunk> chunks() throws Exception {
    String corpus = System.getProperty("precis.corpus");
    Assumptions.assumeTrue(corpus != null, "set -Dprecis.corpus to the shared corpus folder");
    Path cache = OUT.resolve("chunks-" + maxTokens() + ".ser.gz");
    if (Files.exists(cache)) {
      try (ObjectInputStream in =
          new ObjectInputStream(new GZIPInputStream(Files.newInputStream(cache)))) {
        return (List<BenchChunk>) in.readObject();
      }
    }
    PrecisSettings settings =
        PrecisSettings.from(
            ConfigLoader.load(
                Optional.empty(),
                List.of("chunking.max-tokens=" + maxTokens(), "parsing.isolation=none")));
    Path root = Path.of(corpus).toAbsolutePath().normalize();
    LocalDocumentSource source = new LocalDocumentSource(List.of(root));
    List<DocumentRef> documents = source.list();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<List<BenchChunk>>> futures = new ArrayList<>();
    int threads = 2;
    for (int t = 0; t < threads; t++) {
      int shard = t;
      futures.add(
          pool.submit(
              () -> {
                List<BenchChunk> out = new ArrayList<>();
                try (DocumentPipeline pipeline = new DocumentPipeline(source, settings)) {
                  for (int i = shard; i < documents.size(); i += threads) {
                    DocumentRef document = documents.get(i);
                    ProcessedDocument processed = pipeline.process(document);
                    String relative =
                        root.relativize(Path.of(java.net.URI.create(document.uri()))).toString();
                    String folder = relative.split("/")[0];
                    for (Chunk c : processed.chunks()) {
                      out.add(
                          new BenchChunk(
                              c.chunkId(),
                              folder,
                              relative,
                              c.textHash(),
                              c.minHash().values(),
                              c.text()));
                    }
                  }
                }
                return out;
              }));
    }
    List<BenchChunk> chunks = new ArrayList<>();
    for (Future<List<BenchChunk>> future : futures) {
      chunks.addAll(future.get());
    }
    pool.shutdown();
    chunks.sort(Comparator.comparing(BenchChunk::chunkId));
    Map<String, Long> perFolder =
        chunks.stream()
            .collect(
                Collectors.groupingBy(BenchChunk::folder, TreeMap::new, Collectors.counting()));
    report(
        "chunked %d documents into %d chunks (%s) in %.1f s%n",
        documents.size(), chunks.size(), perFolder, seconds(start));
    Files.createDirectories(OUT);
    try (ObjectOutputStream out =
        new ObjectOutputStream(new GZIPOutputStream(Files.newOutputStream(cache)))) {
      out.writeObject(new ArrayList<>(chunks));
    }
    return chunks;
  }

  /** Vectors of the chunks, embedded by MiniLM on first use and cached in target/. */
  private static Map<String, float[]> vectors(List<BenchChunk> chunks) throws IOException {
    Path cache = OUT.resolve("vectors-" + maxTokens() + ".bin");
    Map<String, float[]> vectors = new LinkedHashMap<>();
    if (Files.exists(cache)) {
      try (DataInputStream in =
          new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(cache)))) {
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
          String id = in.readUTF();
          float[] vector = new float[in.readInt()];
          for (int j = 0; j < vector.length; j++) {
            vector[j] = in.readFloat();
          }
          vectors.put(id, vector);
        }
      }
    }
    List<BenchChunk> missing =
        chunks.stream().filter(c -> !vectors.containsKey(c.chunkId)).toList();
    if (!missing.isEmpty()) {
      Embedder embedder = Embedders.shared(EmbedderSettings.minilm(), System::getenv);
      long start = System.nanoTime();
      for (int from = 0; from < missing.size(); from += 256) {
        List<BenchChunk> batch = missing.subList(from, Math.min(missing.size(), from + 256));
        List<float[]> embedded = embedder.embed(batch.stream().map(BenchChunk::text).toList());
        for (int i = 0; i < batch.size(); i++) {
          vectors.put(batch.get(i).chunkId, embedded.get(i));
        }
        if ((from / 256) % 10 == 0) {
          report(
              "embedded %d of %d in %.0f s%n", from + batch.size(), missing.size(), seconds(start));
        }
      }
      report(
          "embedded %d chunks in %.1f s (%.1f per second)%n",
          missing.size(), seconds(start), missing.size() / seconds(start));
      Files.createDirectories(OUT);
      try (DataOutputStream out =
          new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(cache)))) {
        out.writeInt(vectors.size());
        for (Map.Entry<String, float[]> e : vectors.entrySet()) {
          out.writeUTF(e.getKey());
          out.writeInt(e.getValue().length);
          for (float v : e.getValue()) {
            out.writeFloat(v);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return vectors;
  }
}
