package io.precis.jobs.summarize;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.chunking.source.LocalDocumentSource;
import io.precis.core.config.ConfigLoader;
import io.precis.core.config.PrecisSettings;
import io.precis.core.cost.TokenUsage;
import io.precis.core.model.JobContext;
import io.precis.jobs.DeltaKernelReader;
import io.precis.jobs.spark.SparkSessions;
import io.precis.jobs.tables.TableSchemas;
import io.precis.routing.BucketRoutingPolicy;
import io.precis.testkit.DemoCorpus;
import io.precis.testkit.sim.LlmSimulator;
import io.precis.testkit.sim.SimulatedCall;
import io.precis.testkit.sim.SimulatorOptions;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * summarize-corpus end to end on local[2] against the LLM simulator, with every table read back by
 * Delta Kernel rather than by the Spark that wrote it.
 */
class SummarizeCorpusJobTest {
  private static SparkSession spark;
  private static LlmSimulator simulator;
  private static final DeltaKernelReader READER = new DeltaKernelReader();

  @TempDir Path directory;

  @BeforeAll
  static void start() {
    simulator = LlmSimulator.start(SimulatorOptions.defaults());
    spark = SparkSessions.create(settings(List.of()).spark(), Optional.of("local[2]"));
    spark.sparkContext().setLogLevel("WARN");
  }

  @AfterAll
  static void stop() {
    spark.stop();
    simulator.close();
  }

  private static PrecisSettings settings(List<String> extra) {
    List<String> sets = new ArrayList<>();
    sets.add("llm.tiers.cheap.base-url=" + simulator.baseUrl());
    sets.add("llm.tiers.premium.base-url=" + simulator.openAiBaseUrl());
    sets.add("llm.tiers.premium.api-key-env=");
    sets.add("spark.partitions=3");
    sets.addAll(extra);
    return PrecisSettings.from(ConfigLoader.load(Optional.empty(), sets));
  }

  private JobResult run(Path input, Path warehouse, PrecisSettings settings, String jobId) {
    JobContext job = new JobContext(jobId, "demo-feature", "acme", "");
    return new SummarizeCorpusJob(
            spark, settings, message -> System.out.println(java.time.Instant.now() + " " + message))
        .run(new LocalDocumentSource(List.of(input)), warehouse.toUri().toString(), job, false);
  }

  @Test
  void eachDocumentsCallsCarryTheFeatureAndTenantItsAttributionRuleGives() throws IOException {
    Path corpus = Files.createDirectories(directory.resolve("corpus"));
    DemoCorpus.extractTo(corpus);
    Path warehouse = directory.resolve("warehouse");
    // Both rules match legal/data-processing-terms.pdf: the first wins. The **.pdf rule sets the
    // feature only, so its documents keep the job's tenant.
    PrecisSettings settings =
        settings(
            List.of(
                "chunking.max-tokens=128",
                "job.attribution=[{match=\"**/legal/**\",feature=contract-review,tenant=legal},"
                    + "{match=\"**.pdf\",feature=pdf-digest}]"));
    simulator.calls().clear();

    new SummarizeCorpusJob(spark, settings, message -> {})
        .run(
            new LocalDocumentSource(
                List.of(
                    corpus.resolve("legal"), corpus.resolve("sales"), corpus.resolve("support"))),
            warehouse.toUri().toString(),
            new JobContext("job-attributed", "demo-feature", "acme", ""),
            false);

    Map<Object, String> uris =
        table(warehouse, TableSchemas.DOCUMENTS).stream()
            .collect(Collectors.toMap(d -> d.get("doc_id"), d -> (String) d.get("uri")));
    assertThat(uris).hasSize(5);
    List<Map<String, Object>> calls = table(warehouse, TableSchemas.LLM_CALLS);
    assertThat(calls).isNotEmpty();
    Map<String, List<Map<String, Object>>> byDocument =
        calls.stream().collect(Collectors.groupingBy(c -> uris.get(c.get("doc_id"))));
    assertThat(byDocument).hasSize(5);
    byDocument.forEach(
        (uri, documentCalls) -> {
          String expected;
          if (uri.contains("/legal/")) {
            expected = "contract-review/legal";
          } else if (uri.endsWith(".pdf")) {
            expected = "pdf-digest/acme";
          } else {
            expected = "demo-feature/acme";
          }
          assertThat(documentCalls)
              .as(uri)
              .allSatisfy(
                  c -> assertThat(c.get("feature") + "/" + c.get("tenant")).isEqualTo(expected));
        });
    // The attributed documents' reduce calls are attributed as their chunks' calls are.
    assertThat(calls)
        .filteredOn(c -> c.get("stage").equals("DOC_REDUCE"))
        .extracting(c -> c.get("feature"))
        .contains("contract-review", "pdf-digest", "demo-feature");
    assertThat(calls).extracting(c -> c.get("job_id")).containsOnly("job-attributed");

    // The spend of all features adds up to the job's one job_costs row, to the last decimal.
    Map<String, BigDecimal> byFeature =
        calls.stream()
            .collect(
                Collectors.groupingBy(
                    c -> (String) c.get("feature"),
                    Collectors.reducing(
                        BigDecimal.ZERO, c -> (BigDecimal) c.get("cost_usd"), BigDecimal::add)));
    assertThat(byFeature.keySet())
        .containsExactlyInAnyOrder("contract-review", "pdf-digest", "demo-feature");
    List<Map<String, Object>> costs = table(warehouse, TableSchemas.JOB_COSTS);
    assertThat(costs).hasSize(1);
    assertThat(costs.get(0).get("feature")).isEqualTo("demo-feature");
    assertThat(costs.get(0).get("tenant")).isEqualTo("acme");
    BigDecimal total = (BigDecimal) costs.get(0).get("cost_usd");
    assertThat(total.signum()).isPositive();
    assertThat(byFeature.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(total);
  }

  private static List<Map<String, Object>> table(Path warehouse, String name) {
    return READER.read(SummarizeCorpusJob.tablePath(warehouse.toUri().toString(), name));
  }

  @Test
  void demoCorpusLandsInFiveTablesThatASecondReaderAgreesWith() throws IOException {
    Path corpus = Files.createDirectories(directory.resolve("corpus"));
    List<Path> files = DemoCorpus.extractTo(corpus);
    Files.writeString(corpus.resolve("broken.pdf"), "%PDF-1.7\n1 0 obj << /Type /Catalog >> junk");
    Path warehouse = directory.resolve("warehouse");
    PrecisSettings settings = settings(List.of());
    simulator.calls().clear();

    JobResult result = run(corpus, warehouse, settings, "job-demo");

    // documents: every file, the broken one as a failure row with its reason.
    List<Map<String, Object>> documents = table(warehouse, TableSchemas.DOCUMENTS);
    assertThat(documents).hasSize(files.size() + 1);
    assertThat(documents).extracting(d -> d.get("doc_id")).doesNotHaveDuplicates();
    Map<String, Object> broken =
        documents.stream()
            .filter(d -> ((String) d.get("uri")).endsWith("/broken.pdf"))
            .findFirst()
            .orElseThrow();
    assertThat(broken.get("status")).isEqualTo("FAILED");
    assertThat(broken.get("error_code")).isEqualTo("PARSE_FAILED");
    assertThat((String) broken.get("error_message")).isNotBlank();
    assertThat(broken.get("chunks")).isEqualTo(0);
    List<Map<String, Object>> parsed =
        documents.stream().filter(d -> d.get("status").equals("SUMMARIZED")).toList();
    assertThat(parsed).hasSize(files.size());
    assertThat(parsed).allSatisfy(d -> assertThat((Integer) d.get("chunks")).isPositive());
    assertThat(documents).allSatisfy(d -> assertThat(d.get("job_id")).isEqualTo("job-demo"));

    // chunks: as many as the documents say, numbered 0..n-1, never over the budget, routed by
    // bucket.
    List<Map<String, Object>> chunks = table(warehouse, TableSchemas.CHUNKS);
    long expectedChunks = parsed.stream().mapToLong(d -> (Integer) d.get("chunks")).sum();
    assertThat(chunks).hasSize((int) expectedChunks);
    assertThat(result.costs().totalChunks()).isEqualTo(expectedChunks);
    assertThat(chunks).extracting(c -> c.get("chunk_id")).doesNotHaveDuplicates();
    for (Map<String, Object> document : parsed) {
      List<Integer> ordinals =
          chunks.stream()
              .filter(c -> c.get("doc_id").equals(document.get("doc_id")))
              .map(c -> (Integer) c.get("ordinal"))
              .sorted()
              .toList();
      assertThat(ordinals).hasSize((Integer) document.get("chunks"));
      assertThat(ordinals.get(ordinals.size() - 1)).isEqualTo(ordinals.size() - 1);
    }
    assertThat(chunks)
        .allSatisfy(c -> assertThat((Integer) c.get("tokens")).isBetween(1, 512))
        .allSatisfy(c -> assertThat((String) c.get("summary")).isNotBlank());
    Map<Object, List<Map<String, Object>>> byResolution =
        chunks.stream().collect(Collectors.groupingBy(c -> c.get("resolution")));
    // The demo corpus repeats documents exactly, nearly and across formats: those chunks take
    // the summary of a chunk that was summarized, and make no call.
    assertThat(byResolution.keySet()).containsExactlyInAnyOrder("CHEAP", "PREMIUM", "DUPLICATE");
    Map<Object, Map<String, Object>> byId =
        chunks.stream().collect(Collectors.toMap(c -> c.get("chunk_id"), c -> c));
    assertThat(byResolution.get("DUPLICATE"))
        .allSatisfy(
            c -> {
              Map<String, Object> representative = byId.get(c.get("duplicate_of"));
              assertThat(representative.get("resolution")).isIn("CHEAP", "PREMIUM");
              assertThat(c.get("summary")).isEqualTo(representative.get("summary"));
              assertThat((String) c.get("reason")).contains("duplicate (similarity ");
            });
    assertThat(byResolution.get("PREMIUM"))
        .allSatisfy(c -> assertThat(c.get("tier")).isEqualTo("premium"))
        .allSatisfy(c -> assertThat(c.get("model")).isEqualTo("gpt-4o"))
        .allSatisfy(
            c -> assertThat((String) c.get("reason")).matches("(complex|novel|pinned by) .*"));
    assertThat(byResolution.get("CHEAP"))
        .allSatisfy(c -> assertThat(c.get("model")).isEqualTo("llama3.2:3b"));

    // doc_summaries: every parsed document has its summary.
    List<Map<String, Object>> summaries = table(warehouse, TableSchemas.DOC_SUMMARIES);
    assertThat(summaries).hasSize(parsed.size());
    assertThat(summaries).allSatisfy(s -> assertThat((String) s.get("summary")).isNotBlank());

    // llm_calls: one row per call the simulator answered, priced from the simulator's own usage.
    List<Map<String, Object>> calls = table(warehouse, TableSchemas.LLM_CALLS);
    List<SimulatedCall> answered =
        simulator.calls().all().stream()
            .filter(c -> c.isCompletion() && c.outcome() == SimulatedCall.Outcome.OK)
            .toList();
    assertThat(calls).hasSize(answered.size());
    assertThat(calls).allSatisfy(c -> assertThat(c.get("status")).isEqualTo("OK"));
    assertThat(calls).allSatisfy(c -> assertThat((String) c.get("request_hash")).hasSize(24));
    assertThat(calls)
        .allSatisfy(c -> assertThat(c.get("feature")).isEqualTo("demo-feature"))
        .allSatisfy(c -> assertThat(c.get("tenant")).isEqualTo("acme"));
    long reduceCalls = calls.stream().filter(c -> c.get("stage").equals("DOC_REDUCE")).count();
    // One reduce call per distinct reduce prompt: documents with the same file name and the same
    // chunks (the demo corpus holds two byte-identical data-processing-terms.pdf) ask the same
    // call, which the call ledger pays once.
    long distinctReducePrompts =
        parsed.stream()
            .filter(d -> (Integer) d.get("chunks") > 1)
            .map(
                d ->
                    ((String) d.get("uri")).replaceAll(".*/", "")
                        + chunks.stream()
                            .filter(c -> c.get("doc_id").equals(d.get("doc_id")))
                            .sorted(Comparator.comparing(c -> (Integer) c.get("ordinal")))
                            .map(c -> (String) c.get("text_hash"))
                            .toList())
            .distinct()
            .count();
    assertThat(parsed.stream().filter(d -> (Integer) d.get("chunks") > 1).count())
        .isGreaterThan(distinctReducePrompts);
    assertThat(reduceCalls).isEqualTo(distinctReducePrompts);
    assertThat(calls.size() - reduceCalls)
        .isEqualTo(expectedChunks - byResolution.get("DUPLICATE").size());

    BigDecimal ledger =
        calls.stream()
            .map(c -> (BigDecimal) c.get("cost_usd"))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    BigDecimal recomputed =
        answered.stream()
            .map(
                c ->
                    settings
                        .prices()
                        .price(
                            (c.api().equals("ollama") ? "ollama/" : "openai/") + c.model(), today)
                        .orElseThrow()
                        .cost(
                            new TokenUsage(
                                c.inputTokens(), c.outputTokens(), c.cachedInputTokens()),
                            false))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(ledger).isPositive().isEqualByComparingTo(recomputed);

    // job_costs: one row that adds up to the ledger, to the last decimal.
    List<Map<String, Object>> costs = table(warehouse, TableSchemas.JOB_COSTS);
    assertThat(costs).hasSize(1);
    Map<String, Object> cost = costs.get(0);
    assertThat(cost.get("status")).isEqualTo("PARTIAL");
    assertThat(cost.get("docs")).isEqualTo((long) files.size() + 1);
    assertThat(cost.get("docs_failed")).isEqualTo(1L);
    assertThat(cost.get("chunks")).isEqualTo(expectedChunks);
    assertThat(
            (Long) cost.get("cheap_chunks")
                + (Long) cost.get("premium_chunks")
                + (Long) cost.get("duplicate_chunks"))
        .isEqualTo(expectedChunks);
    assertThat(cost.get("duplicate_chunks")).isEqualTo((long) byResolution.get("DUPLICATE").size());
    assertThat(cost.get("cache_hit_chunks")).isEqualTo(0L);
    assertThat(cost.get("premium_chunks")).isEqualTo((long) byResolution.get("PREMIUM").size());
    assertThat((BigDecimal) cost.get("cost_usd")).isEqualByComparingTo(ledger);
    assertThat(
            ((BigDecimal) cost.get("cheap_cost_usd"))
                .add((BigDecimal) cost.get("premium_cost_usd")))
        .isEqualByComparingTo(ledger);
    BigDecimal baseline = (BigDecimal) cost.get("baseline_cost_usd");
    assertThat(baseline).isGreaterThan(ledger);
    assertThat((BigDecimal) cost.get("savings_usd"))
        .isEqualByComparingTo(baseline.subtract(ledger));
    // The saving splits into routing (every call priced on gpt-4o, less what it cost),
    // compression (the tokens cleaning removed, priced as gpt-4o input)...
    var gpt4o = settings.prices().price("openai/gpt-4o", today).orElseThrow();
    BigDecimal callsOnGpt4o =
        answered.stream()
            .map(
                c ->
                    gpt4o.cost(
                        new TokenUsage(c.inputTokens(), c.outputTokens(), c.cachedInputTokens()),
                        false))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    long removedTokens = parsed.stream().mapToLong(d -> (Integer) d.get("removed_tokens")).sum();
    assertThat(removedTokens).isPositive();
    assertThat(cost.get("removed_tokens")).isEqualTo(removedTokens);
    assertThat((BigDecimal) cost.get("savings_routing_usd"))
        .isEqualByComparingTo(callsOnGpt4o.subtract(ledger));
    assertThat((BigDecimal) cost.get("savings_compression_usd"))
        .isEqualByComparingTo(gpt4o.cost(new TokenUsage(removedTokens, 0, 0), false));
    // ...and dedupe: each duplicate's call, estimated on gpt-4o as precis estimate would.
    assertThat((BigDecimal) cost.get("savings_dedupe_usd")).isPositive();
    assertThat((BigDecimal) cost.get("savings_cache_usd")).isZero();
    assertThat(
            ((BigDecimal) cost.get("savings_routing_usd"))
                .add((BigDecimal) cost.get("savings_compression_usd"))
                .add((BigDecimal) cost.get("savings_dedupe_usd")))
        .isEqualByComparingTo((BigDecimal) cost.get("savings_usd"));
    assertThat((Double) cost.get("savings_pct")).isBetween(50.0, 100.0);
    assertThat(cost.get("tenant")).isEqualTo("acme");
  }

  @Test
  void aRerunOverAnUnchangedSourceParsesNothingAndCallsNoModelAndATouchedFileAloneIsRedone()
      throws IOException {
    Path corpus = Files.createDirectories(directory.resolve("incremental"));
    for (int i = 0; i < 6; i++) {
      Files.writeString(
          corpus.resolve("memo-" + i + ".txt"),
          "Memo "
              + i
              + ". The loading bay "
              + i
              + " is closed for repairs until further notice.\n\n"
              + "Quillmoor Logistics B.V. - internal memo, do not forward\n");
    }
    Path warehouse = directory.resolve("warehouse-incremental");
    PrecisSettings settings = settings(List.of("parsing.isolation=none"));
    JobResult first = run(corpus, warehouse, settings, "job-first");
    assertThat(first.documents()).isEqualTo(6);
    assertThat(first.documentsSkipped()).isZero();
    Map<Object, Object> processedAt = processedAt(warehouse);
    Object removedFirst = removedTokens(warehouse, "memo-2.txt");
    assertThat((Integer) removedFirst).as("the shared footer is boilerplate").isPositive();

    simulator.calls().clear();
    JobResult second = run(corpus, warehouse, settings, "job-second");

    assertThat(second.documents()).isZero();
    assertThat(second.documentsSkipped()).isEqualTo(6);
    assertThat(second.costs().totalChunks()).isZero();
    assertThat(simulator.calls().successfulCompletions()).isZero();
    assertThat(processedAt(warehouse)).isEqualTo(processedAt);
    Map<String, Object> secondCosts =
        table(warehouse, TableSchemas.JOB_COSTS).stream()
            .filter(row -> row.get("job_id").equals("job-second"))
            .findFirst()
            .orElseThrow();
    assertThat(secondCosts.get("docs_skipped")).isEqualTo(6L);
    assertThat((BigDecimal) secondCosts.get("cost_usd")).isZero();

    Path touched = corpus.resolve("memo-2.txt");
    Files.setLastModifiedTime(
        touched,
        java.nio.file.attribute.FileTime.fromMillis(
            Files.getLastModifiedTime(touched).toMillis() + 60_000));
    simulator.calls().clear();
    JobResult third = run(corpus, warehouse, settings, "job-third");

    assertThat(third.documents()).isEqualTo(1);
    assertThat(third.documentsSkipped()).isEqualTo(5);
    // Alone, the document is cleaned with the boilerplate its corpus taught the first run.
    assertThat(removedTokens(warehouse, "memo-2.txt")).isEqualTo(removedFirst);
    assertThat(simulator.calls().successfulCompletions()).isEqualTo(1);
    List<Map<String, Object>> documents = table(warehouse, TableSchemas.DOCUMENTS);
    assertThat(documents).hasSize(6);
    assertThat(documents)
        .filteredOn(d -> ((String) d.get("uri")).endsWith("memo-2.txt"))
        .singleElement()
        .satisfies(d -> assertThat(d.get("job_id")).isEqualTo("job-third"));
    assertThat(documents)
        .filteredOn(d -> !((String) d.get("uri")).endsWith("memo-2.txt"))
        .allSatisfy(d -> assertThat(d.get("job_id")).isEqualTo("job-first"));
    List<Map<String, Object>> chunks = table(warehouse, TableSchemas.CHUNKS);
    assertThat(chunks).hasSize(6);
    assertThat(chunks).noneMatch(c -> String.valueOf(c.get("summary")).contains("do not forward"));
    assertThat(table(warehouse, TableSchemas.DOC_SUMMARIES)).hasSize(6);
  }

  private static Object removedTokens(Path warehouse, String file) {
    return table(warehouse, TableSchemas.DOCUMENTS).stream()
        .filter(d -> ((String) d.get("uri")).endsWith(file))
        .findFirst()
        .orElseThrow()
        .get("removed_tokens");
  }

  private static Map<Object, Object> processedAt(Path warehouse) {
    return table(warehouse, TableSchemas.DOCUMENTS).stream()
        .collect(Collectors.toMap(d -> d.get("doc_id"), d -> d.get("processed_at")));
  }

  @Test
  void providerOutageLeavesEveryChunkUnresolvedWithItsReasonAndCostsNothing() throws IOException {
    Path corpus = Files.createDirectories(directory.resolve("small"));
    Files.writeString(
        corpus.resolve("a.txt"), "The depot opens at six. Drivers check in at the gate.");
    Files.writeString(
        corpus.resolve("b.txt"),
        "Quarterly volumes 2025: Q1 1,204,330; Q2 1,310,002; Q3 1,402,118; Q4 1,511,870.");
    Path warehouse = directory.resolve("warehouse-outage");
    simulator.configure(SimulatorOptions.builder().serverErrorShare(1.0).build());
    simulator.calls().clear();
    try {
      JobResult result =
          run(
              corpus,
              warehouse,
              settings(
                  List.of(
                      "parsing.isolation=none",
                      "routing.buckets.extraction=[premium]",
                      // This test counts attempts: the model's circuit breaker, whose state an
                      // earlier test of this JVM may have moved, is LimitedClientTest's subject.
                      "llm.circuit-breaker.failures=0")),
              "job-outage");
      assertThat(result.status()).isEqualTo("PARTIAL");
      // Each of the two calls was tried three times (llm.retry.max-attempts), and no more.
      assertThat(simulator.calls().count(c -> c.path().matches(".*/(chat|completions)$")))
          .isEqualTo(6);
    } finally {
      simulator.configure(SimulatorOptions.defaults());
    }

    List<Map<String, Object>> chunks = table(warehouse, TableSchemas.CHUNKS);
    assertThat(chunks).hasSize(2);
    assertThat(chunks)
        .allSatisfy(c -> assertThat(c.get("resolution")).isEqualTo("UNRESOLVED"))
        .allSatisfy(c -> assertThat((String) c.get("reason")).startsWith("PROVIDER_ERROR: "))
        .allSatisfy(c -> assertThat(c.get("summary")).isNull());
    assertThat(chunks).extracting(c -> c.get("tier")).containsExactlyInAnyOrder("cheap", "premium");
    assertThat(
            BucketRoutingPolicy.from(settings(List.of("routing.buckets.extraction=[premium]")))
                .route(
                    io.precis.core.model.Chunk.of(
                        "b",
                        0,
                        "Quarterly volumes 2025: Q1 1,204,330; Q2 1,310,002; Q3 1,402,118; Q4"
                            + " 1,511,870.",
                        30),
                    "demo-feature",
                    null)
                .tier())
        .isEqualTo("premium");

    assertThat(table(warehouse, TableSchemas.DOC_SUMMARIES)).isEmpty();
    List<Map<String, Object>> calls = table(warehouse, TableSchemas.LLM_CALLS);
    assertThat(calls).hasSize(2);
    assertThat(calls)
        .allSatisfy(c -> assertThat(c.get("status")).isEqualTo("FAILED"))
        .allSatisfy(c -> assertThat(c.get("error_code")).isEqualTo("PROVIDER_ERROR"))
        .allSatisfy(c -> assertThat(c.get("attempts")).isEqualTo(3))
        .allSatisfy(c -> assertThat((BigDecimal) c.get("cost_usd")).isZero());
    Map<String, Object> cost = table(warehouse, TableSchemas.JOB_COSTS).get(0);
    assertThat(cost.get("unresolved_chunks")).isEqualTo(2L);
    assertThat((BigDecimal) cost.get("cost_usd")).isZero();
    assertThat(cost.get("savings_pct")).isNull();
  }

  @Test
  void theReadmeQueriesRunOnTheTables() throws IOException {
    Path corpus = Files.createDirectories(directory.resolve("readme"));
    Files.writeString(
        corpus.resolve("memo.txt"), "The warehouse in Delft closes on Friday at noon.");
    Path warehouse = directory.resolve("warehouse"); // the README's queries say warehouse/...
    run(corpus, warehouse, settings(List.of("parsing.isolation=none")), "job-readme");

    String readme = Files.readString(Path.of("..", "README.md"));
    List<String> queries = new ArrayList<>();
    java.util.regex.Matcher blocks =
        java.util.regex.Pattern.compile("```sql\\n(.*?)```", java.util.regex.Pattern.DOTALL)
            .matcher(readme);
    while (blocks.find()) {
      // As `precis sql` runs them from the folder that holds warehouse/.
      queries.add(io.precis.jobs.spark.DeltaPaths.resolve(blocks.group(1), directory));
    }
    assertThat(queries).hasSize(4);
    for (String query : queries) {
      List<org.apache.spark.sql.Row> rows = spark.sql(query).collectAsList();
      assertThat(rows).as(query).isNotEmpty();
    }
    org.apache.spark.sql.Row perJob = spark.sql(queries.get(0)).first();
    assertThat(perJob.getString(0)).isEqualTo("job-readme");
    org.apache.spark.sql.Row perFeature = spark.sql(queries.get(1)).first();
    assertThat(perFeature.getString(0))
        .isEqualTo(spark.sql(queries.get(0)).first().getString(1)); // the job's feature
    assertThat(perFeature.getDecimal(2))
        .isEqualByComparingTo(spark.sql(queries.get(0)).first().getDecimal(5)); // its cost
    org.apache.spark.sql.Row perTier = spark.sql(queries.get(2)).first();
    assertThat(perTier.getString(0)).isEqualTo("cheap");
    assertThat(perTier.getLong(2)).isEqualTo(1L);
    org.apache.spark.sql.Row savings = spark.sql(queries.get(3)).first();
    // savings_usd is the sum of the four techniques' savings.
    assertThat(savings.getDecimal(3))
        .isEqualByComparingTo(
            savings
                .getDecimal(4)
                .add(savings.getDecimal(5))
                .add(savings.getDecimal(6))
                .add(savings.getDecimal(7)));
  }

  @Test
  void tableSchemasAreWhatDeltaKernelReads() throws IOException {
    Path corpus = Files.createDirectories(directory.resolve("one"));
    Files.writeString(corpus.resolve("note.md"), "# Note\n\nThe gate code changes on Monday.");
    Path warehouse = directory.resolve("warehouse-schema");
    run(corpus, warehouse, settings(List.of("parsing.isolation=none")), "job-schema");

    for (var entry :
        Map.of(
                TableSchemas.DOCUMENTS, TableSchemas.DOCUMENTS_SCHEMA,
                TableSchemas.CHUNKS, TableSchemas.CHUNKS_SCHEMA,
                TableSchemas.DOC_SUMMARIES, TableSchemas.DOC_SUMMARIES_SCHEMA,
                TableSchemas.LLM_CALLS, TableSchemas.LLM_CALLS_SCHEMA,
                TableSchemas.JOB_COSTS, TableSchemas.JOB_COSTS_SCHEMA)
            .entrySet()) {
      var kernelSchema =
          READER.schema(SummarizeCorpusJob.tablePath(warehouse.toUri().toString(), entry.getKey()));
      Set<String> kernelColumns =
          kernelSchema.fields().stream().map(f -> f.getName()).collect(Collectors.toSet());
      assertThat(kernelColumns).containsExactlyInAnyOrder(entry.getValue().fieldNames());
    }
    var money =
        READER
            .schema(
                SummarizeCorpusJob.tablePath(warehouse.toUri().toString(), TableSchemas.LLM_CALLS))
            .get("cost_usd")
            .getDataType();
    assertThat(money).isEqualTo(new io.delta.kernel.types.DecimalType(24, 12));
  }
}
