package io.precis.summarize.check;

import io.precis.chunking.DocumentPipeline;
import io.precis.chunking.source.LocalDocumentSource;
import io.precis.core.config.CheckSettings;
import io.precis.core.config.ConfigLoader;
import io.precis.core.config.PrecisSettings;
import io.precis.core.model.Chunk;
import io.precis.core.model.DocumentRef;
import io.precis.routing.cache.guard.GuardFeatures;
import io.precis.routing.embed.Embedder;
import io.precis.routing.embed.MiniLmEmbedder;
import io.precis.summarize.Prompt;
import io.precis.testkit.sim.QualityRule;
import io.precis.testkit.sim.QualityRule.Behaviour;
import io.precis.testkit.sim.SimulatedModel;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The resolution checks on the shared corpus, chunked as the job chunks it (512 tokens): how often
 * an honest extractive answer fails each check (a false escalation, paid for at the next tier's
 * price), how often each bad answer of the simulator is caught, the faithfulness cosines of honest
 * and wrong answers with the false-escalation and false-accept rates at candidate thresholds, and
 * the time each check takes. Prints figures, asserts nothing. Run it with
 *
 * <pre>
 * ./mvnw -B -o -q test -pl summarize -am -Dgroups=benchmark -Dexcluded.groups= \
 *     -Dtest=ResolutionChecksBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dprecis.corpus=/work/shared/corpus
 * </pre>
 *
 * Options: {@code precis.checks.sample} (chunks drawn, default 2000), {@code precis.checks.seed}
 * (default 7). The chunks are cached in target/checks-bench, so only the first run parses the
 * corpus.
 *
 * <p>Honest answers are the simulator's (the leading sentences of the chunk, cut at 60 words) and a
 * second extractive kind, sentences spread over the whole chunk, closer to what a summary covers.
 * Wrong answers are the honest answer of a chunk of another document, of the next chunk of the same
 * document, and the simulator's OFF_TOPIC answer.
 */
@Tag("benchmark")
class ResolutionChecksBenchmark {
  private static final Path OUT = Path.of("target", "checks-bench");
  private static final int SAMPLE = Integer.getInteger("precis.checks.sample", 2000);
  private static final long SEED = Long.getLong("precis.checks.seed", 7);
  private static final int WORDS = 60;
  private static final int MAX_TOKENS = 256;
  private static final double[] THRESHOLDS = {
    0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70
  };

  /** A chunk of the corpus: its document (relative path), folder, ordinal and text. */
  record BenchChunk(String document, String folder, int ordinal, String text)
      implements Serializable {}

  @Test
  void checksOnTheCorpus() throws Exception {
    List<BenchChunk> all = chunks();
    Map<String, List<BenchChunk>> byDocument = new LinkedHashMap<>();
    for (BenchChunk c : all) {
      byDocument.computeIfAbsent(c.document(), d -> new ArrayList<>()).add(c);
    }
    List<BenchChunk> sample = new ArrayList<>(all);
    Collections.shuffle(sample, new Random(SEED));
    sample = sample.subList(0, Math.min(SAMPLE, sample.size()));
    System.out.printf(
        "corpus: %d chunks of %d documents; sample of %d (seed %d)%n",
        all.size(), byDocument.size(), sample.size(), SEED);

    CheckSettings settings =
        PrecisSettings.from(ConfigLoader.load(Optional.empty(), List.of())).checks();
    ResolutionChecks lexical = new ResolutionChecks(settings);

    // 1. Honest answers against the lexical checks: false escalations.
    List<String> honest = new ArrayList<>();
    List<String> spread = new ArrayList<>();
    List<String> respelled = new ArrayList<>();
    int changed = 0;
    for (BenchChunk c : sample) {
      String leading = answer(c, List.of());
      honest.add(leading);
      spread.add(spread(c.text(), WORDS));
      respelled.add(respell(leading));
      changed += respelled.get(respelled.size() - 1).equals(leading) ? 0 : 1;
    }
    falseEscalations("honest (leading sentences)", sample, honest, lexical);
    falseEscalations("honest (sentences spread over the chunk)", sample, spread, lexical);
    System.out.printf("(figures respelled in %d of the leading answers)%n", changed);
    falseEscalations("honest (leading, figures respelled)", sample, respelled, lexical);

    // 2. Bad answers of the simulator: caught by which check. A rule applies to texts with a
    // digit (the simulator's rules are about digit share): chunks without one are left out.
    List<BenchChunk> withDigit =
        sample.stream().filter(c -> QualityRule.digitShare(c.text()) > 0).toList();
    for (Behaviour behaviour : Behaviour.values()) {
      List<QualityRule> rules = List.of(QualityRule.badAtNumbers(".*", 0, behaviour));
      Map<String, Integer> caught = new TreeMap<>();
      for (BenchChunk c : withDigit) {
        CheckOutcome outcome = lexical.check(source(c), answer(c, rules), WORDS);
        caught.merge(outcome.failed().map(Enum::name).orElse("passed"), 1, Integer::sum);
      }
      System.out.printf(
          "bad answers %-17s (%d chunks with a digit) %s%n",
          behaviour, withDigit.size(), shares(caught, withDigit.size()));
    }

    // 3. Faithfulness cosines.
    try (Embedder embedder = new MiniLmEmbedder()) {
      long start = System.nanoTime();
      List<float[]> chunkVectors = embed(embedder, sample.stream().map(BenchChunk::text).toList());
      double chunkSeconds = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      List<float[]> honestVectors = embed(embedder, honest);
      double answerSeconds = (System.nanoTime() - start) / 1e9;
      List<float[]> spreadVectors = embed(embedder, spread);
      List<String> neighbours = new ArrayList<>();
      List<Integer> withNeighbour = new ArrayList<>();
      for (int i = 0; i < sample.size(); i++) {
        BenchChunk c = sample.get(i);
        List<BenchChunk> siblings = byDocument.get(c.document());
        int at = siblings.indexOf(c);
        BenchChunk next =
            siblings.size() < 2 ? null : siblings.get(at + 1 < siblings.size() ? at + 1 : at - 1);
        if (next != null && !answer(next, List.of()).isBlank()) {
          neighbours.add(answer(next, List.of()));
          withNeighbour.add(i);
        }
      }
      List<float[]> neighbourVectors = embed(embedder, neighbours);
      float[] offTopic = embedder.embed(List.of(QualityRule.OFF_TOPIC_ANSWER)).get(0);
      System.out.printf(
          "embedding: %d chunks in %.1f s (%.1f ms each), %d answers in %.1f s (%.1f ms each)%n",
          sample.size(),
          chunkSeconds,
          1000 * chunkSeconds / sample.size(),
          honest.size(),
          answerSeconds,
          1000 * answerSeconds / honest.size());

      double[] honestCos = new double[sample.size()];
      double[] spreadCos = new double[sample.size()];
      double[] otherDocCos = new double[sample.size()];
      double[] offTopicCos = new double[sample.size()];
      for (int i = 0; i < sample.size(); i++) {
        honestCos[i] = Embedder.cosine(honestVectors.get(i), chunkVectors.get(i));
        spreadCos[i] = Embedder.cosine(spreadVectors.get(i), chunkVectors.get(i));
        offTopicCos[i] = Embedder.cosine(offTopic, chunkVectors.get(i));
        // The honest answer of the next sampled chunk of another document.
        int j = (i + 1) % sample.size();
        while (sample.get(j).document().equals(sample.get(i).document())) {
          j = (j + 1) % sample.size();
        }
        otherDocCos[i] = Embedder.cosine(honestVectors.get(j), chunkVectors.get(i));
      }
      double[] neighbourCos = new double[withNeighbour.size()];
      for (int k = 0; k < withNeighbour.size(); k++) {
        neighbourCos[k] =
            Embedder.cosine(neighbourVectors.get(k), chunkVectors.get(withNeighbour.get(k)));
      }
      Map<String, double[]> series = new LinkedHashMap<>();
      series.put("honest, leading sentences", honestCos);
      series.put("honest, spread sentences", spreadCos);
      series.put("answer of another document", otherDocCos);
      series.put("answer of the next chunk", neighbourCos);
      series.put("OFF_TOPIC answer", offTopicCos);
      System.out.println("cosine(answer, chunk), MiniLM:");
      System.out.printf(
          "  %-28s %6s %6s %6s %6s %6s %6s %6s %6s %6s%n",
          "answer", "n", "min", "p1", "p5", "p10", "p50", "p90", "p99", "max");
      series.forEach(
          (name, values) -> {
            double[] v = values.clone();
            Arrays.sort(v);
            System.out.printf(
                Locale.ROOT,
                "  %-28s %6d %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f%n",
                name,
                v.length,
                v[0],
                pct(v, 1),
                pct(v, 5),
                pct(v, 10),
                pct(v, 50),
                pct(v, 90),
                pct(v, 99),
                v[v.length - 1]);
          });
      System.out.println(
          "threshold: false escalations (honest below) / false accepts (wrong at or above):");
      System.out.printf(
          "  %9s %10s %10s %10s %10s %10s%n",
          "threshold", "leading", "spread", "other doc", "next chunk", "off-topic");
      for (double t : THRESHOLDS) {
        System.out.printf(
            Locale.ROOT,
            "  %9.2f %9.2f%% %9.2f%% %9.2f%% %9.2f%% %9.2f%%%n",
            t,
            100 * below(honestCos, t),
            100 * below(spreadCos, t),
            100 * (1 - below(otherDocCos, t)),
            100 * (1 - below(neighbourCos, t)),
            100 * (1 - below(offTopicCos, t)));
      }
      lowestHonest(sample, honest, honestCos);

      // 4. Time per check.
      timing(sample, honest, settings, embedder);
    }
  }

  private static void falseEscalations(
      String kind, List<BenchChunk> sample, List<String> answers, ResolutionChecks checks) {
    Map<Check, Integer> failed = new EnumMap<>(Check.class);
    Map<Check, List<String>> examples = new EnumMap<>(Check.class);
    Map<String, int[]> byFolder = new TreeMap<>();
    for (int i = 0; i < sample.size(); i++) {
      BenchChunk c = sample.get(i);
      CheckOutcome outcome = checks.check(source(c), answers.get(i), WORDS);
      int[] counts = byFolder.computeIfAbsent(c.folder(), f -> new int[2]);
      counts[0]++;
      if (!outcome.passed()) {
        counts[1]++;
        Check check = outcome.failed().get();
        failed.merge(check, 1, Integer::sum);
        List<String> list = examples.computeIfAbsent(check, k -> new ArrayList<>());
        if (list.size() < 6) {
          list.add(c.document() + "#" + c.ordinal() + ": " + outcome.detail());
        }
      }
    }
    int total = failed.values().stream().mapToInt(Integer::intValue).sum();
    System.out.printf(
        "%s: %d of %d fail a lexical check (%.2f%%)%n",
        kind, total, sample.size(), 100.0 * total / sample.size());
    failed.forEach(
        (check, n) ->
            System.out.printf("  %-16s %5d  %.2f%%%n", check, n, 100.0 * n / sample.size()));
    byFolder.forEach(
        (folder, n) ->
            System.out.printf(
                "  folder %-18s %5d chunks, %.2f%% fail%n", folder, n[0], 100.0 * n[1] / n[0]));
    examples.forEach((check, list) -> list.forEach(e -> System.out.println("    e.g. " + e)));
  }

  private static void lowestHonest(List<BenchChunk> sample, List<String> honest, double[] cos) {
    Integer[] order = new Integer[cos.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(cos[a], cos[b]));
    System.out.println("lowest honest cosines:");
    for (int k = 0; k < Math.min(5, order.length); k++) {
      int i = order[k];
      String text = sample.get(i).text().replaceAll("\\s+", " ");
      System.out.printf(
          Locale.ROOT,
          "  %.3f %s#%d answer [%s] chunk [%s...]%n",
          cos[i],
          sample.get(i).document(),
          sample.get(i).ordinal(),
          abbreviate(honest.get(i), 100),
          abbreviate(text, 160));
    }
  }

  private static void timing(
      List<BenchChunk> sample, List<String> honest, CheckSettings settings, Embedder embedder) {
    int n = Math.min(500, sample.size());
    // Warm up the JIT on every path first.
    for (int round = 0; round < 2; round++) {
      long cheap = 0;
      long sourceFeatures = 0;
      long answerFeatures = 0;
      long numbers = 0;
      long names = 0;
      long all = 0;
      for (int i = 0; i < n; i++) {
        BenchChunk c = sample.get(i);
        String answer = honest.get(i);
        SourceText source = source(c);
        long t0 = System.nanoTime();
        source.lower();
        source.words();
        source.features();
        source.tokens();
        long t1 = System.nanoTime();
        Refusals.find(answer, source);
        ResolutionChecks.countWords(answer);
        long t2 = System.nanoTime();
        GuardFeatures features = GuardFeatures.of(ResolutionChecks.withoutListMarkers(answer));
        long t3 = System.nanoTime();
        Figures.invented(features, answer, source);
        long t4 = System.nanoTime();
        Names.invented(features, source);
        long t5 = System.nanoTime();
        new ResolutionChecks(settings).check(source(c), answer, WORDS);
        long t6 = System.nanoTime();
        sourceFeatures += t1 - t0;
        cheap += t2 - t1;
        answerFeatures += t3 - t2;
        numbers += t4 - t3;
        names += t5 - t4;
        all += t6 - t5;
      }
      if (round == 1) {
        System.out.printf(
            Locale.ROOT,
            "time per check, mean of %d honest answers (microseconds): empty+refusal+length %.1f;"
                + " reading the source (numbers, dates, names, words; once per chunk) %.1f;"
                + " reading the answer %.1f; numbers %.1f; names %.1f;"
                + " all lexical checks from a fresh source %.1f%n",
            n,
            cheap / 1e3 / n,
            sourceFeatures / 1e3 / n,
            answerFeatures / 1e3 / n,
            numbers / 1e3 / n,
            names / 1e3 / n,
            all / 1e3 / n);
      }
    }
    int m = Math.min(100, sample.size());
    long answerOnly =
        time(
            () -> {
              for (int i = 0; i < m; i++) {
                embedder.embed(List.of(honest.get(i)));
              }
              return null;
            });
    long both =
        time(
            () -> {
              for (int i = 0; i < m; i++) {
                embedder.embed(List.of(honest.get(i), sample.get(i).text()));
              }
              return null;
            });
    System.out.printf(
        Locale.ROOT,
        "faithfulness check, mean of %d (ms): answer only (source vector given) %.1f;"
            + " answer and source in one batch %.1f%n",
        m,
        answerOnly / 1e6 / m,
        both / 1e6 / m);
  }

  private static long time(Supplier<Void> work) {
    long start = System.nanoTime();
    work.get();
    return System.nanoTime() - start;
  }

  private static SourceText source(BenchChunk c) {
    return SourceText.of(c.text(), Path.of(c.document()).getFileName().toString());
  }

  private static String answer(BenchChunk c, List<QualityRule> rules) {
    Prompt prompt = Prompt.CHUNK_SUMMARY;
    String name = Path.of(c.document()).getFileName().toString();
    return SimulatedModel.summarize(
        "llama3.2:3b", prompt.system(WORDS), prompt.user(name, c.text()), MAX_TOKENS, rules);
  }

  /** Whole sentences taken evenly over the chunk, up to {@code words} words. */
  static String spread(String text, int words) {
    String[] sentences =
        Arrays.stream(text.strip().replaceAll("\\s+", " ").split("(?<=[.!?])\\s+"))
            .filter(sentence -> sentence.matches(".*[\\p{L}\\p{N}].*"))
            .toArray(String[]::new);
    int total = 0;
    for (String s : sentences) {
      total += s.split(" ").length;
    }
    if (total <= words) {
      return String.join(" ", sentences);
    }
    // Every k-th sentence, k chosen so that about `words` words are taken.
    double step = Math.max(1.0, (double) total / words);
    StringBuilder out = new StringBuilder();
    int taken = 0;
    for (double at = 0; at < sentences.length; at += step) {
      String s = sentences[(int) at];
      int n = s.split(" ").length;
      if (taken + n > words) {
        if (taken == 0) {
          String[] cut = s.split(" ");
          return String.join(" ", Arrays.copyOf(cut, words));
        }
        continue;
      }
      out.append(out.length() == 0 ? "" : " ").append(s);
      taken += n;
    }
    return out.toString();
  }

  private static final java.util.regex.Pattern GROUPED =
      java.util.regex.Pattern.compile("(?<![\\d.,])(\\d{1,3}(?:,\\d{3})+)(?![\\d]|[.,]\\d)");
  private static final java.util.regex.Pattern PERCENT =
      java.util.regex.Pattern.compile("(?<![\\d.,])(\\d+(?:\\.\\d+)?)%(?!\\w)");
  private static final java.util.regex.Pattern MONTH_DAY_YEAR =
      java.util.regex.Pattern.compile(
          "\\b(January|February|March|April|May|June|July|August|September|October|November"
              + "|December) (\\d{1,2}), (\\d{4})\\b");
  private static final java.util.regex.Pattern ISO_DATE =
      java.util.regex.Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
  private static final java.util.regex.Pattern SMALL =
      java.util.regex.Pattern.compile("(?<![\\w.,:/$#-])([2-9]) (?=[a-z]{3,})");
  private static final String[] MONTHS = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  };
  private static final String[] SMALL_WORDS = {
    "", "", "two", "three", "four", "five", "six", "seven", "eight", "nine"
  };

  /**
   * The answer with its figures spelled as a model might rewrite them: "1,234,567" as "1.23
   * million" (or "1234" for "1,234"), "5%" as "5 percent", "March 5, 2024" as "5 March 2024",
   * "2024-03-05" as "March 5, 2024", "3 files" as "three files".
   */
  static String respell(String answer) {
    String out =
        GROUPED
            .matcher(answer)
            .replaceAll(
                m -> {
                  long value = Long.parseLong(m.group(1).replace(",", ""));
                  if (value >= 1_000_000) {
                    return String.format(Locale.ROOT, "%.2f million", value / 1e6);
                  }
                  return Long.toString(value);
                });
    out = PERCENT.matcher(out).replaceAll("$1 percent");
    out = MONTH_DAY_YEAR.matcher(out).replaceAll("$2 $1 $3");
    out =
        ISO_DATE
            .matcher(out)
            .replaceAll(
                m -> {
                  int month = Integer.parseInt(m.group(2));
                  int day = Integer.parseInt(m.group(3));
                  return month >= 1 && month <= 12 && day >= 1 && day <= 31
                      ? MONTHS[month - 1] + " " + day + ", " + m.group(1)
                      : m.group();
                });
    return SMALL.matcher(out).replaceAll(m -> SMALL_WORDS[Integer.parseInt(m.group(1))] + " ");
  }

  private static List<float[]> embed(Embedder embedder, List<String> texts) {
    List<float[]> vectors = new ArrayList<>();
    for (int from = 0; from < texts.size(); from += 64) {
      List<String> batch = texts.subList(from, Math.min(texts.size(), from + 64));
      List<String> safe = batch.stream().map(t -> t.isBlank() ? "(empty)" : t).toList();
      vectors.addAll(embedder.embed(safe));
    }
    return vectors;
  }

  private static double pct(double[] sorted, double p) {
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static double below(double[] values, double t) {
    return Arrays.stream(values).filter(v -> v < t).count() / (double) values.length;
  }

  private static String shares(Map<String, Integer> counts, int total) {
    StringBuilder out = new StringBuilder();
    counts.forEach(
        (k, v) ->
            out.append(String.format(Locale.ROOT, "%s %d (%.1f%%)  ", k, v, 100.0 * v / total)));
    return out.toString().strip();
  }

  private static String abbreviate(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n) + "...";
  }

  /** The corpus chunked by DocumentPipeline (in-process parsing), cached in target/. */
  @SuppressWarnings("unchecked")
  private static List<BenchChunk> chunks() throws Exception {
    String corpus = System.getProperty("precis.corpus");
    Assumptions.assumeTrue(corpus != null, "set -Dprecis.corpus to the shared corpus folder");
    Path cache = OUT.resolve("chunks.ser.gz");
    if (Files.exists(cache)) {
      try (ObjectInputStream in =
          new ObjectInputStream(new GZIPInputStream(Files.newInputStream(cache)))) {
        return (List<BenchChunk>) in.readObject();
      }
    }
    PrecisSettings settings =
        PrecisSettings.from(ConfigLoader.load(Optional.empty(), List.of("parsing.isolation=none")));
    Path root = Path.of(corpus).toAbsolutePath().normalize();
    LocalDocumentSource source = new LocalDocumentSource(List.of(root));
    List<DocumentRef> documents = source.list();
    long start = System.nanoTime();
    List<BenchChunk> chunks = new ArrayList<>();
    try (DocumentPipeline pipeline = new DocumentPipeline(source, settings)) {
      for (DocumentRef document : documents) {
        String relative = root.relativize(Path.of(java.net.URI.create(document.uri()))).toString();
        for (Chunk c : pipeline.process(document).chunks()) {
          chunks.add(new BenchChunk(relative, relative.split("/")[0], c.ordinal(), c.text()));
        }
      }
    }
    System.out.printf(
        "chunked %d documents into %d chunks in %.1f s%n",
        documents.size(), chunks.size(), (System.nanoTime() - start) / 1e9);
    Files.createDirectories(OUT);
    try (ObjectOutputStream out =
        new ObjectOutputStream(new GZIPOutputStream(Files.newOutputStream(cache)))) {
      out.writeObject(new ArrayList<>(chunks));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return chunks;
  }
}
