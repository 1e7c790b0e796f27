package io.precis.jobs.summarize.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.precis.chunking.chunk.MinHasher;
import io.precis.core.config.DedupeSettings;
import io.precis.core.config.EmbedderSettings;
import io.precis.core.config.SparkSettings;
import io.precis.core.model.Chunk;
import io.precis.jobs.spark.SparkSessions;
import io.precis.routing.dedupe.MinHashBands;
import io.precis.routing.dedupe.PairVeto;
import io.precis.routing.embed.Embedder;
import io.precis.routing.embed.Embedders;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dedupe stage on local[2], on synthetic chunks with known exact, near and semantic twins. */
class ChunkDedupeTest {
  private static final DedupeSettings SETTINGS =
      new DedupeSettings(true, 0.8, true, 0.9, 16, 12, 12, 100);
  private static final EmbedderSettings EMBEDDER = EmbedderSettings.minilm();
  private static final MinHasher MIN_HASHER = new MinHasher(64, 5);

  private static SparkSession spark;
  private static JavaSparkContext context;

  private final SplittableRandom random = new SplittableRandom(42);

  @BeforeAll
  static void start() {
    spark =
        SparkSessions.create(
            new SparkSettings("local[2]", "dedupe-test", 0, Map.of()), Optional.of("local[2]"));
    spark.sparkContext().setLogLevel("WARN");
    context = JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void exactNearAndSemanticTwinsResolveToTheSmallestId() {
    String paragraph = paragraph(1, 120);
    float[] semantic = unit();
    List<DedupeItem> items =
        List.of(
            item("e1", "s", "Press the red button to stop the machine."),
            item("e2", "s", "press the RED button   to stop the machine."),
            item("e3", "s", "Press the red button to stop the machine. "),
            item("n1", "s", paragraph),
            item("n2", "s", paragraph.replace(" w60 ", " changed ")),
            item("s1", "s", "Invoices are listed under Billing.", atCosine(semantic, 0.97)),
            item("s2", "s", "The Billing page lists your invoices.", semantic),
            item("s3", "s", "Shipping takes three days.", atCosine(semantic, 0.5)));

    Map<String, DedupeDecision> decisions = run(items, 2, PairVeto.NONE);

    assertThat(decisions).hasSize(items.size());
    assertRepresentative(decisions, "e1");
    assertDuplicate(decisions, "e2", "e1", DedupeStage.EXACT);
    assertDuplicate(decisions, "e3", "e1", DedupeStage.EXACT);
    assertThat(decisions.get("e2").similarity()).isEqualTo(1.0);
    assertRepresentative(decisions, "n1");
    assertDuplicate(decisions, "n2", "n1", DedupeStage.NEAR);
    assertThat(decisions.get("n2").similarity()).isBetween(0.8, 0.99);
    assertRepresentative(decisions, "s1");
    assertDuplicate(decisions, "s2", "s1", DedupeStage.SEMANTIC);
    assertThat(decisions.get("s2").similarity()).isCloseTo(0.97, within(1e-4));
    assertRepresentative(decisions, "s3");
    // A vector given with an item comes back with its decision.
    assertThat(decisions.get("s2").vector()).isEqualTo(semantic);
    assertThat(decisions.get("n2").vector()).isEqualTo(items.get(4).vector());
  }

  @Test
  void chunksOfDifferentScopesNeverDedupe() {
    String paragraph = paragraph(2, 120);
    float[] vector = unit();
    List<DedupeItem> items =
        List.of(
            item("a1", "tenant-a", "Same words in both tenants."),
            item("b1", "tenant-b", "Same words in both tenants."),
            item("a2", "tenant-a", paragraph),
            item("b2", "tenant-b", paragraph.replace(" w7 ", " other ")),
            item("a3", "tenant-a", "One thing.", vector),
            item("b3", "tenant-b", "Another thing.", vector));

    Map<String, DedupeDecision> decisions = run(items, 3, PairVeto.NONE);

    assertThat(decisions).hasSize(6);
    decisions.values().forEach(d -> assertThat(d.duplicate()).as(d.chunkId()).isFalse());
  }

  @Test
  void aVetoedPairIsNeverADuplicate() {
    String paragraph = paragraph(3, 120);
    float[] vector = unit();
    List<DedupeItem> items =
        List.of(
            item("n1", "s", paragraph + " Pay 100 dollars."),
            item("n2", "s", paragraph + " Pay 900 dollars."),
            item("s1", "s", "Enable two-factor login.", vector),
            item("s2", "s", "Disable two-factor login.", atCosine(vector, 0.98)));
    PairVeto negationOrNumber =
        (a, b) ->
            !digits(a).equals(digits(b))
                ? Optional.of("numbers differ")
                : a.startsWith("Enable") != b.startsWith("Enable")
                    ? Optional.of("negation")
                    : Optional.empty();

    Map<String, DedupeDecision> vetoed = run(items, 2, negationOrNumber);
    Map<String, DedupeDecision> allowed = run(items, 2, PairVeto.NONE);

    vetoed.values().forEach(d -> assertThat(d.duplicate()).as(d.chunkId()).isFalse());
    assertDuplicate(allowed, "n2", "n1", DedupeStage.NEAR);
    assertDuplicate(allowed, "s2", "s1", DedupeStage.SEMANTIC);
  }

  /**
   * b is a semantic duplicate of a; d and f were near duplicates of b. With signatures made by hand
   * (so every Jaccard similarity is known): f is itself near a and follows b there; d is not and is
   * summarized; the exact copies of b and d follow them.
   */
  @Test
  void aNearDuplicateFollowsItsRepresentativeOnlyWhenItIsItselfSimilar() {
    float[] vector = unit();
    int[] a = new int[64];
    for (int i = 0; i < 64; i++) {
      a[i] = i;
    }
    int[] b = changed(a, 0, 20, 1000); // J(a, b) = 44/64 = 0.69: not near
    int[] d = changed(b, 40, 50, 2000); // J(d, b) = 0.84, J(d, a) = 0.53
    int[] f = a.clone();
    System.arraycopy(b, 0, f, 0, 12); // J(f, b) = 0.875, J(f, a) = 0.8125
    List<DedupeItem> items =
        List.of(
            new DedupeItem("a", "s", "ha", a, "alpha", vector),
            new DedupeItem("b", "s", "hb", b, "beta", atCosine(vector, 0.95)),
            new DedupeItem("b2", "s", "hb", b, "Beta", unit()),
            new DedupeItem("d", "s", "hd", d, "delta", unit()),
            new DedupeItem("d2", "s", "hd", d, "Delta", unit()),
            new DedupeItem("f", "s", "hf", f, "phi", unit()));

    Map<String, DedupeDecision> decisions = run(items, 2, PairVeto.NONE);

    assertThat(decisions).hasSize(6);
    assertRepresentative(decisions, "a");
    assertDuplicate(decisions, "b", "a", DedupeStage.SEMANTIC);
    assertDuplicate(decisions, "b2", "a", DedupeStage.SEMANTIC);
    assertThat(decisions.get("b2").similarity()).isEqualTo(decisions.get("b").similarity());
    assertRepresentative(decisions, "d");
    assertThat(decisions.get("d").vector()).isEqualTo(items.get(3).vector());
    assertDuplicate(decisions, "d2", "d", DedupeStage.EXACT);
    assertDuplicate(decisions, "f", "a", DedupeStage.NEAR);
    assertThat(decisions.get("f").similarity()).isEqualTo(52 / 64.0);
  }

  private static int[] changed(int[] signature, int from, int to, int offset) {
    int[] copy = signature.clone();
    for (int i = from; i < to; i++) {
      copy[i] = offset + i;
    }
    return copy;
  }

  @Test
  void textsWithoutVectorsAreEmbeddedOnTheExecutors() {
    String first = "The quick brown fox jumps over the lazy dog near the river bank.";
    String second = "A quick brown fox jumped over the lazy dog by the river bank.";
    List<DedupeItem> items =
        List.of(
            new DedupeItem("t1", "s", Chunk.textHash(first), sign(first), first),
            new DedupeItem("t2", "s", Chunk.textHash(second), sign(second), second),
            new DedupeItem(
                "t3",
                "s",
                Chunk.textHash("Quarterly revenue grew."),
                sign("Quarterly revenue grew."),
                "Quarterly revenue grew."),
            new DedupeItem("t4", "s", Chunk.textHash(first), sign(first), first.toUpperCase()));
    Embedder embedder = Embedders.shared(EMBEDDER, System::getenv);
    double cosine =
        Embedder.cosine(
            embedder.embed(List.of(first)).get(0), embedder.embed(List.of(second)).get(0));
    assertThat(cosine).isGreaterThan(0.9);

    Map<String, DedupeDecision> decisions = run(items, 2, PairVeto.NONE);

    assertDuplicate(decisions, "t2", "t1", DedupeStage.SEMANTIC);
    assertThat(decisions.get("t2").similarity()).isCloseTo(cosine, within(1e-5));
    assertThat(decisions.get("t1").vector()).isEqualTo(embedder.embed(List.of(first)).get(0));
    assertRepresentative(decisions, "t3");
    // Only chunks that reached the semantic stage were embedded.
    assertDuplicate(decisions, "t4", "t1", DedupeStage.EXACT);
    assertThat(decisions.get("t4").vector()).isNull();
    assertThat(decisions.get("t3").vector()).hasSize(384);
  }

  /**
   * 600 chunks in clusters (exact copies, near variants, semantic twins, two scopes): the same
   * decisions with 1 or 7 input partitions and 2 or 5 shuffle partitions; every duplicate names a
   * representative it is itself similar to; and a bucket of 300 variants costs linear comparisons
   * under a small bucket limit while each still finds the smallest id.
   */
  @Test
  void decisionsAreDeterministicAndEveryDuplicateIsVerifiedAgainstItsRepresentative() {
    List<DedupeItem> items = clusters();
    Map<String, DedupeDecision> one = run(items, 1, 2, SETTINGS, PairVeto.NONE, null);
    Map<String, DedupeDecision> seven = run(items, 7, 5, SETTINGS, PairVeto.NONE, null);

    assertThat(one).hasSize(items.size());
    assertThat(summary(seven)).isEqualTo(summary(one));
    Map<String, DedupeItem> byId =
        items.stream().collect(Collectors.toMap(DedupeItem::chunkId, i -> i));
    Map<DedupeStage, Integer> stages = new TreeMap<>();
    for (DedupeDecision d : one.values()) {
      if (!d.duplicate()) {
        continue;
      }
      stages.merge(d.stage(), 1, Integer::sum);
      DedupeItem item = byId.get(d.chunkId());
      DedupeItem target = byId.get(d.duplicateOf());
      assertThat(one.get(d.duplicateOf()).duplicate()).as(d.toString()).isFalse();
      assertThat(target.scopeKey()).isEqualTo(item.scopeKey());
      assertThat(target.chunkId()).isLessThan(item.chunkId());
      switch (d.stage()) {
        case EXACT -> assertThat(target.textHash()).isEqualTo(item.textHash());
        case NEAR ->
            assertThat(MinHashBands.jaccard(item.minhash(), target.minhash()))
                .isGreaterThanOrEqualTo(0.8);
        case SEMANTIC ->
            assertThat(Embedder.cosine(item.vector(), target.vector())).isGreaterThanOrEqualTo(0.9);
      }
    }
    assertThat(stages).containsKeys(DedupeStage.EXACT, DedupeStage.NEAR, DedupeStage.SEMANTIC);

    LongAccumulator compared = context.sc().longAccumulator();
    DedupeSettings tight = new DedupeSettings(true, 0.8, false, 0.9, 16, 12, 12, 4);
    List<DedupeItem> variants = new ArrayList<>();
    String base = paragraph(9, 200);
    for (int i = 0; i < 300; i++) {
      variants.add(
          item(
              String.format("v%03d", i),
              "s",
              base.replace(" w" + (i % 190 + 5) + " ", " v" + i + " ")));
    }
    Map<String, DedupeDecision> bucket = run(variants, 2, 2, tight, PairVeto.NONE, compared);
    for (int i = 1; i < 300; i++) {
      assertDuplicate(bucket, String.format("v%03d", i), "v000", DedupeStage.NEAR);
    }
    assertThat(compared.value()).isPositive().isLessThanOrEqualTo(16L * 2 * 4 * 300);
  }

  private List<DedupeItem> clusters() {
    List<DedupeItem> items = new ArrayList<>();
    for (int c = 0; c < 40; c++) {
      String scope = c % 2 == 0 ? "a" : "b";
      String paragraph = paragraph(100 + c, 80);
      float[] centre = unit();
      items.add(item("c" + c + "-0", scope, paragraph, centre));
      items.add(item("c" + c + "-1", scope, paragraph.toUpperCase(), unit()));
      items.add(item("c" + c + "-2", scope, paragraph.replace(" w10 ", " z "), unit()));
      items.add(item("c" + c + "-3", scope, paragraph.replace(" w50 ", " z "), unit()));
      items.add(item("c" + c + "-4", scope, "twin " + c, atCosine(centre, 0.96)));
      items.add(item("c" + c + "-5", scope, "far twin " + c, atCosine(centre, 0.86)));
      items.add(item("c" + c + "-6", scope, "chain " + c, atCosine(centre, 0.93)));
      items.add(item("c" + c + "-7", scope, "same twin " + c, atCosine(centre, 0.96)));
      items.add(item("x" + c + "-8", scope, "copy of the centre " + c, centre));
      items.add(item("c" + c + "-9", scope, "alone " + c, unit()));
    }
    for (int i = 0; i < 200; i++) {
      items.add(item("u" + i, "a", "unrelated " + i, unit()));
    }
    Collections.shuffle(items, new java.util.Random(1));
    return items;
  }

  private static Map<String, String> summary(Map<String, DedupeDecision> decisions) {
    Map<String, String> out = new TreeMap<>();
    decisions.forEach(
        (id, d) -> out.put(id, d.duplicateOf() + " " + d.stage() + " " + d.similarity()));
    return out;
  }

  private Map<String, DedupeDecision> run(List<DedupeItem> items, int partitions, PairVeto veto) {
    return run(items, 2, partitions, SETTINGS, veto, null);
  }

  private Map<String, DedupeDecision> run(
      List<DedupeItem> items,
      int inputPartitions,
      int partitions,
      DedupeSettings settings,
      PairVeto veto,
      LongAccumulator compared) {
    List<DedupeDecision> decisions =
        ChunkDedupe.run(
                context.parallelize(items, inputPartitions),
                settings,
                EMBEDDER,
                veto,
                partitions,
                compared)
            .collect();
    Map<String, DedupeDecision> byId = new TreeMap<>();
    for (DedupeDecision decision : decisions) {
      assertThat(byId.put(decision.chunkId(), decision)).as("one decision per chunk").isNull();
    }
    return byId;
  }

  private static void assertRepresentative(Map<String, DedupeDecision> decisions, String id) {
    assertThat(decisions.get(id).duplicate()).as(id + " " + decisions.get(id)).isFalse();
    assertThat(decisions.get(id).stage()).isNull();
  }

  private static void assertDuplicate(
      Map<String, DedupeDecision> decisions, String id, String of, DedupeStage stage) {
    DedupeDecision decision = decisions.get(id);
    assertThat(decision.duplicateOf()).as(id + " " + decision).isEqualTo(of);
    assertThat(decision.stage()).as(id).isEqualTo(stage);
  }

  /** A text of distinct words w0 w1 ... prefixed by its seed, so shingles are its own. */
  private static String paragraph(int seed, int words) {
    StringBuilder text = new StringBuilder("p" + seed);
    for (int i = 0; i < words; i++) {
      text.append(" w").append(i).append(i % 7 == 0 ? " s" + seed : "");
    }
    return text.append(" end.").toString();
  }

  private static String digits(String text) {
    return text.replaceAll("\\D", "");
  }

  private DedupeItem item(String id, String scope, String text) {
    return item(id, scope, text, unit());
  }

  private static DedupeItem item(String id, String scope, String text, float[] vector) {
    return new DedupeItem(id, scope, Chunk.textHash(text), sign(text), text, vector);
  }

  private static int[] sign(String text) {
    return MIN_HASHER.signature(text).values();
  }

  private float[] unit() {
    float[] vector = new float[384];
    for (int i = 0; i < vector.length; i++) {
      double u1 = 1 - random.nextDouble();
      vector[i] =
          (float) (Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random.nextDouble()));
    }
    return Embedder.normalized(vector);
  }

  /** A unit vector at the given cosine to the unit vector a. */
  private float[] atCosine(float[] a, double cosine) {
    float[] w = unit();
    double dot = Embedder.cosine(a, w);
    for (int i = 0; i < w.length; i++) {
      w[i] -= (float) (dot * a[i]);
    }
    w = Embedder.normalized(w);
    double sine = Math.sqrt(1 - cosine * cosine);
    float[] b = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = (float) (cosine * a[i] + sine * w[i]);
    }
    return Embedder.normalized(b);
  }
}
