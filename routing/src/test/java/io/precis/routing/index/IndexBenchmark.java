package io.precis.routing.index;

import io.precis.routing.index.IndexSnapshot.Match;
import io.precis.routing.index.SnapshotWriter.Quantization;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds snapshots of synthetic 384-dimension unit vectors (clustered, see {@link
 * ClusteredVectors}) spread over 50 scopes and prints: build time, bytes on disk per entry, heap
 * after open, latency of nearest (k=5, scope filter) and exact lookups, and recall@1 against a
 * brute force over the query's scope. Not part of the build: run it with
 *
 * <pre>
 * ./mvnw -B -o -q test -pl routing -am -Dgroups=benchmark -Dexcluded.groups= \
 *     -Dtest=IndexBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dspark.jvm.options=-Xmx6g -Dprecis.index.sizes=100000,1000000
 * </pre>
 *
 * (surefire's argLine is the parent pom's {@code spark.jvm.options}; the benchmark needs no Spark
 * flag, only heap.) Optional: {@code -Dprecis.index.quantization=NONE,INT8}, {@code
 * -Dprecis.index.threads=1}, {@code -Dprecis.index.ram-buffer-mb=2048}, {@code
 * -Dprecis.index.dir=/some/disk} (default: a temporary folder, deleted afterwards; a folder given
 * here is kept, and a snapshot already in it is reused instead of built again), {@code
 * -Dprecis.index.log=/some/file} (the figures as they come; surefire shows them only at the end).
 * The machine's load average is printed beside wall times; CPU times do not depend on it. Figures
 * print to routing/target/surefire-reports/io.precis.routing.index.IndexBenchmark-output.txt.
 */
@Tag("benchmark")
class IndexBenchmark {
  private static final int DIMS = 384;
  private static final int SCOPES = 50;
  private static final int QUERIES = 2000;
  private static final int WARMUP = 500;
  private static final int RECALL_SAMPLE = 200;
  private static final long NOW = 1_700_000_000_000L;

  @TempDir Path tmp;

  /** Surefire holds a test's output until it ends: -Dprecis.index.log also writes it to a file. */
  private static final PrintStream out = output();

  private static PrintStream output() {
    String log = System.getProperty("precis.index.log");
    if (log == null) {
      return System.out;
    }
    try {
      OutputStream file = new FileOutputStream(log, true);
      return new PrintStream(
          new OutputStream() {
            @Override
            public void write(int b) throws IOException {
              System.out.write(b);
              file.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              System.out.write(b, off, len);
              file.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
              System.out.flush();
              file.flush();
            }
          },
          true,
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void buildAndQuery() throws Exception {
    String[] sizes = System.getProperty("precis.index.sizes", "100000,1000000").split(",");
    String[] quantizations = System.getProperty("precis.index.quantization", "NONE").split(",");
    Path base =
        System.getProperty("precis.index.dir") == null
            ? tmp
            : Path.of(System.getProperty("precis.index.dir"));
    out.printf(
        Locale.ROOT,
        "JVM max heap %d MB, %d cores, load average %s%n",
        Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors(),
        loadAverage());
    for (String q : quantizations) {
      for (String size : sizes) {
        run(base, Integer.parseInt(size.trim()), Quantization.valueOf(q.trim()));
      }
    }
  }

  private void run(Path base, int n, Quantization quantization) throws Exception {
    ClusteredVectors gen = new ClusteredVectors(42, DIMS, Math.max(50, n / 1000));
    Path dir = base.resolve(n + "-" + quantization);
    SnapshotWriter.Options options =
        SnapshotWriter.Options.defaults().withQuantization(quantization);
    if (System.getProperty("precis.index.threads") != null) {
      options = options.withThreads(Integer.getInteger("precis.index.threads"));
    }
    if (System.getProperty("precis.index.ram-buffer-mb") != null) {
      options = options.withRamBufferMb(Integer.getInteger("precis.index.ram-buffer-mb"));
    }
    out.printf(
        Locale.ROOT,
        "%n== %,d entries x %d dims, %d scopes, %s, ram buffer %d MB, %d threads ==%n",
        n,
        DIMS,
        SCOPES,
        quantization,
        options.ramBufferMb(),
        options.threads());
    if (Files.exists(dir.resolve(SnapshotMetadata.FILE))) {
      out.printf(Locale.ROOT, "reusing the snapshot in %s%n", dir);
    } else {
      build(gen, n, dir, options);
    }
    filesBySuffix(dir);

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long heapBefore = settledHeap(memory);
    long rssBefore = rssKb();
    try (IndexSnapshot index = IndexSnapshot.open(dir)) {
      long heapAfter = settledHeap(memory);
      out.printf(
          Locale.ROOT,
          "heap after open: +%,d bytes (%.2f bytes/entry); RSS +%,d kB%n",
          heapAfter - heapBefore,
          (heapAfter - heapBefore) / (double) n,
          rssKb() - rssBefore);

      for (int i = 0; i < WARMUP; i++) {
        index.nearest(scope(i), gen.query(1_000_000 + i), 5, NOW);
      }
      for (int candidates : new int[] {5, 20, IndexSnapshot.MIN_CANDIDATES, 100}) {
        latency(index, gen, candidates);
      }
      long[] exact = new long[QUERIES];
      for (int i = 0; i < QUERIES; i++) {
        long e = (i * 7919L) % n;
        long t = System.nanoTime();
        if (index.exact(scope(e), "h" + e, NOW).isEmpty()) {
          throw new AssertionError("entry " + e + " not found by exact lookup");
        }
        exact[i] = System.nanoTime() - t;
      }
      out.printf(Locale.ROOT, "exact lookup: %s%n", percentiles(exact));
      recall(index, gen, n);
    }
  }

  private static void build(ClusteredVectors gen, int n, Path dir, SnapshotWriter.Options options)
      throws Exception {
    long start = System.nanoTime();
    long cpuStart = processCpuNanos();
    SnapshotWriter.Written written =
        SnapshotWriter.write(dir, entries(gen, n, start), "bench/clustered", DIMS, options);
    double buildSeconds = (System.nanoTime() - start) / 1e9;
    out.printf(
        Locale.ROOT,
        "build: %.1f s wall, %.1f s CPU of this JVM, load average %s (add %.1f s into %d"
            + " segments, merge to one %.1f s); %,d bytes on disk, %.0f bytes/entry (raw floats:"
            + " %d)%n",
        buildSeconds,
        (processCpuNanos() - cpuStart) / 1e9,
        loadAverage(),
        written.addMillis() / 1e3,
        written.segmentsBeforeMerge(),
        written.mergeMillis() / 1e3,
        written.bytes(),
        written.bytes() / (double) n,
        DIMS * 4);
  }

  private static String scope(long i) {
    return "scope-" + (i % SCOPES);
  }

  /** The entries, generated as the writer reads them, with progress every 10%. */
  private static Iterator<IndexedEntry> entries(ClusteredVectors gen, int n, long start) {
    return new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        return i < n;
      }

      @Override
      public IndexedEntry next() {
        if (i >= n) {
          throw new NoSuchElementException();
        }
        if (i > 0 && i % (n / 10) == 0) {
          out.printf(
              Locale.ROOT, "  %,d entries read at %.1f s%n", i, (System.nanoTime() - start) / 1e9);
        }
        long e = i++;
        if (i == n) {
          out.printf(
              Locale.ROOT,
              "  all %,d entries read at %.1f s (then the last batches, and the merge)%n",
              n,
              (System.nanoTime() - start) / 1e9);
        }
        return new IndexedEntry(
            "entry-" + e, scope(e), "h" + e, gen.vector(e), "summary " + e, "", NOW + 1_000_000);
      }
    };
  }

  private void latency(IndexSnapshot index, ClusteredVectors gen, int candidates) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] nanos = new long[QUERIES];
    long[] cpu = new long[QUERIES];
    for (int i = 0; i < QUERIES; i++) {
      float[] q = gen.query(i);
      long c = threads.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      List<Match> found = index.nearest(scope(i), q, 5, NOW, candidates);
      nanos[i] = System.nanoTime() - t;
      cpu[i] = threads.getCurrentThreadCpuTime() - c;
      if (found.size() != 5) {
        throw new AssertionError("query " + i + " found " + found.size());
      }
    }
    out.printf(
        Locale.ROOT,
        "nearest k=5, scope filter, %d candidates: wall %s; CPU %s%n",
        Math.max(5, candidates),
        percentiles(nanos),
        percentiles(cpu));
  }

  private static String percentiles(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT,
        "p50 %.2f ms, p99 %.2f ms, mean %.2f ms over %d",
        sorted[sorted.length / 2] / 1e6,
        sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
        Arrays.stream(sorted).average().orElse(0) / 1e6,
        sorted.length);
  }

  /** recall@1 of nearest (k=1) against one brute-force pass over every vector. */
  private static void recall(IndexSnapshot index, ClusteredVectors gen, int n) {
    float[][] queries = new float[RECALL_SAMPLE][];
    List<List<Integer>> byScope = new ArrayList<>();
    for (int s = 0; s < SCOPES; s++) {
      byScope.add(new ArrayList<>());
    }
    for (int q = 0; q < RECALL_SAMPLE; q++) {
      queries[q] = gen.query(5_000_000 + q);
      byScope.get(q % SCOPES).add(q);
    }
    long start = System.nanoTime();
    double[] best = new double[RECALL_SAMPLE];
    Arrays.fill(best, Double.NEGATIVE_INFINITY);
    String[] bestId = new String[RECALL_SAMPLE];
    for (long e = 0; e < n; e++) {
      List<Integer> qs = byScope.get((int) (e % SCOPES));
      if (qs.isEmpty()) {
        continue;
      }
      float[] v = gen.vector(e);
      for (int q : qs) {
        double c = io.precis.routing.embed.Embedder.cosine(queries[q], v);
        if (c > best[q]) {
          best[q] = c;
          bestId[q] = "entry-" + e;
        }
      }
    }
    double bruteSeconds = (System.nanoTime() - start) / 1e9;
    for (int candidates : new int[] {1, 20, IndexSnapshot.MIN_CANDIDATES, 100}) {
      int hits = 0;
      double lost = 0;
      for (int q = 0; q < RECALL_SAMPLE; q++) {
        Match m = index.nearest(scope(q), queries[q], 1, NOW, candidates).get(0);
        if (m.entry().entryId().equals(bestId[q])) {
          hits++;
        }
        lost = Math.max(lost, best[q] - m.cosine());
      }
      out.printf(
          Locale.ROOT,
          "recall@1 with %d candidates: %.3f over %d queries (largest cosine lost %.4f)%n",
          candidates,
          hits / (double) RECALL_SAMPLE,
          RECALL_SAMPLE,
          lost);
    }
    out.printf(
        Locale.ROOT,
        "brute force (regenerating %,d vectors, %d queries): %.1f s%n",
        n,
        RECALL_SAMPLE,
        bruteSeconds);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String loadAverage() throws java.io.IOException {
    String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
    return parts[0] + " " + parts[1] + " " + parts[2];
  }

  private static long settledHeap(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static long rssKb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  private static void filesBySuffix(Path dir) throws Exception {
    java.util.TreeMap<String, Long> bytes = new java.util.TreeMap<>();
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        String suffix = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
        bytes.merge(suffix, Files.size(f), Long::sum);
      }
    }
    StringBuilder line = new StringBuilder("  files:");
    bytes.forEach((k, v) -> line.append(String.format(Locale.ROOT, " .%s %,d", k, v)));
    out.println(line);
  }
}
