package io.precis.jobs.summarize;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.cachewarm.CacheEntriesTable;
import io.precis.cachewarm.CacheInvalidation;
import io.precis.cachewarm.CacheWarmJob;
import io.precis.chunking.source.LocalDocumentSource;
import io.precis.core.config.ConfigLoader;
import io.precis.core.config.PrecisSettings;
import io.precis.core.model.JobContext;
import io.precis.core.model.Resolution;
import io.precis.jobs.DeltaKernelReader;
import io.precis.jobs.spark.SparkSessions;
import io.precis.jobs.tables.TableSchemas;
import io.precis.testkit.DemoCorpus;
import io.precis.testkit.sim.LlmSimulator;
import io.precis.testkit.sim.SimulatorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The cache cycle on the demo corpus: a run summarizes each repeated chunk once and adds what it
 * paid for to cache_entries; cache-warm publishes an index of them; a second run over the same
 * corpus makes no chunk call at all, while a run for another tenant is served nothing.
 */
class CacheCycleTest {
  private static SparkSession spark;
  private static LlmSimulator simulator;
  private static final DeltaKernelReader READER = new DeltaKernelReader();

  @TempDir static Path shared;
  private static Path corpus;

  @BeforeAll
  static void start() throws IOException {
    simulator = LlmSimulator.start(SimulatorOptions.defaults());
    spark = SparkSessions.create(settings().spark(), Optional.of("local[2]"));
    spark.sparkContext().setLogLevel("WARN");
    corpus = Files.createDirectories(shared.resolve("corpus"));
    DemoCorpus.extractTo(corpus);
  }

  @AfterAll
  static void stop() {
    spark.stop();
    simulator.close();
  }

  private static PrecisSettings settings() {
    List<String> sets = new ArrayList<>();
    sets.add("llm.tiers.cheap.base-url=" + simulator.baseUrl());
    sets.add("llm.tiers.premium.base-url=" + simulator.openAiBaseUrl());
    sets.add("llm.tiers.premium.api-key-env=");
    sets.add("spark.partitions=3");
    sets.add("parsing.isolation=none");
    return PrecisSettings.from(ConfigLoader.load(Optional.empty(), sets));
  }

  private static JobResult run(Path warehouse, String jobId, String tenant) {
    return new SummarizeCorpusJob(spark, settings(), message -> {})
        .run(
            new LocalDocumentSource(List.of(corpus)),
            warehouse.toUri().toString(),
            new JobContext(jobId, "cycle", tenant, "ana"),
            true);
  }

  private static List<Map<String, Object>> table(Path warehouse, String name) {
    return READER.read(SummarizeCorpusJob.tablePath(warehouse.toUri().toString(), name));
  }

  private static List<Map<String, Object>> rowsOf(
      List<Map<String, Object>> rows, String column, String value) {
    return rows.stream().filter(r -> value.equals(r.get(column))).toList();
  }

  private static long calls(Path warehouse, String jobId) {
    return rowsOf(table(warehouse, TableSchemas.LLM_CALLS), "job_id", jobId).size();
  }

  private static long chunkCalls(Path warehouse, String jobId) {
    return rowsOf(table(warehouse, TableSchemas.LLM_CALLS), "job_id", jobId).stream()
        .filter(c -> "CHUNK_SUMMARY".equals(c.get("stage")))
        .count();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> tags(Map<String, Object> entry) {
    return (Map<String, String>) entry.get("tags");
  }

  @Test
  void aSecondRunAfterCacheWarmCallsNothingForUnchangedChunksAndNothingCrossesTenants() {
    Path warehouse = shared.resolve("warehouse");

    JobResult first = run(warehouse, "job-1", "acme");

    List<Map<String, Object>> chunks = table(warehouse, TableSchemas.CHUNKS);
    Map<String, Map<String, Object>> byId =
        chunks.stream().collect(Collectors.toMap(c -> (String) c.get("chunk_id"), c -> c));
    List<Map<String, Object>> duplicates = rowsOf(chunks, "resolution", "DUPLICATE");
    // The demo corpus repeats documents exactly, nearly, and across formats.
    assertThat(duplicates).isNotEmpty();
    assertThat(duplicates)
        .allSatisfy(
            d -> {
              Map<String, Object> representative = byId.get((String) d.get("duplicate_of"));
              assertThat(representative).isNotNull();
              assertThat(representative.get("resolution")).isIn("CHEAP", "PREMIUM");
              assertThat(d.get("summary")).isEqualTo(representative.get("summary"));
            });
    long paid = first.costs().chunks(Resolution.CHEAP) + first.costs().chunks(Resolution.PREMIUM);
    assertThat(chunkCalls(warehouse, "job-1")).isEqualTo(paid);
    assertThat(paid + duplicates.size()).isEqualTo(chunks.size());

    // One entry per scope and text of every resolved chunk, and one per reduce call; the text
    // itself is not stored.
    List<Map<String, Object>> entries = table(warehouse, CacheEntriesTable.NAME);
    Set<String> texts =
        chunks.stream().map(c -> (String) c.get("text_hash")).collect(Collectors.toSet());
    long reduceCalls = calls(warehouse, "job-1") - paid;
    assertThat(reduceCalls).isPositive();
    assertThat(entries).hasSize(texts.size() + (int) reduceCalls);
    assertThat(entries)
        .filteredOn(e -> "reduce".equals(tags(e).get("origin")))
        .hasSize((int) reduceCalls)
        .allSatisfy(e -> assertThat(e.get("prompt_version")).isEqualTo("doc-reduce/v1"));
    assertThat(entries)
        .allSatisfy(e -> assertThat(e.get("tenant")).isEqualTo("acme"))
        .allSatisfy(e -> assertThat(e.get("invalidated_at")).isNull())
        .allSatisfy(e -> assertThat(tags(e)).containsEntry("user", "ana").containsKey("source"));
    assertThat(first.costs().dedupeSavings()).isPositive();

    CacheWarmJob.Result warm =
        new CacheWarmJob(spark, settings(), m -> {}).run(warehouse.toUri().toString());
    assertThat(warm.version()).isEqualTo("v00000001");
    // The newest entry of each scope and text (two documents of one name and content give one
    // reduce input).
    assertThat(warm.entries())
        .isEqualTo(
            entries.stream()
                .map(e -> e.get("scope") + "/" + e.get("text_hash"))
                .distinct()
                .count());
    assertThat(warm.vectors()).isPositive();

    JobResult second = run(warehouse, "job-2", "acme");
    // Nothing changed: no call at all, neither for a chunk nor for a document's reduce.
    assertThat(calls(warehouse, "job-2")).isZero();
    assertThat(second.status()).isEqualTo("SUCCEEDED");
    assertThat(second.costs().chunks(Resolution.CACHE_HIT)).isEqualTo(chunks.size());
    assertThat(second.costs().cacheSavings()).isPositive();
    List<Map<String, Object>> served =
        rowsOf(table(warehouse, TableSchemas.CHUNKS), "job_id", "job-2");
    Map<String, String> firstSummaries =
        chunks.stream()
            .collect(
                Collectors.toMap(c -> (String) c.get("chunk_id"), c -> (String) c.get("summary")));
    assertThat(served)
        .allSatisfy(
            c -> assertThat(c.get("summary")).isEqualTo(firstSummaries.get(c.get("chunk_id"))))
        .allSatisfy(c -> assertThat(c.get("cache_entry_id")).isNotNull());

    // Another tenant is another scope: the same texts are summarized again.
    JobResult other = run(warehouse, "job-3", "globex");
    assertThat(other.costs().chunks(Resolution.CACHE_HIT)).isZero();
    assertThat(chunkCalls(warehouse, "job-3")).isEqualTo(paid);

    // Invalidating one document's entries: the next run pays for that document's chunks only.
    Set<String> referenced =
        duplicates.stream().map(d -> (String) d.get("duplicate_of")).collect(Collectors.toSet());
    Map<String, List<Map<String, Object>>> byDocument =
        chunks.stream().collect(Collectors.groupingBy(c -> (String) c.get("doc_id")));
    String docId =
        byDocument.entrySet().stream()
            .filter(
                d ->
                    d.getValue().stream()
                        .allMatch(
                            c ->
                                !"DUPLICATE".equals(c.get("resolution"))
                                    && !referenced.contains(c.get("chunk_id"))))
            .map(Map.Entry::getKey)
            .sorted()
            .findFirst()
            .orElseThrow();
    String uri =
        (String)
            table(warehouse, TableSchemas.DOCUMENTS).stream()
                .filter(d -> docId.equals(d.get("doc_id")))
                .findFirst()
                .orElseThrow()
                .get("uri");
    long invalidated =
        new CacheInvalidation(
                Map.of("source", uri),
                Optional.of("acme"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false)
            .apply(spark, warehouse.toUri().toString(), java.time.Instant.now());
    int docChunks = byDocument.get(docId).size();
    int docReduce = docChunks > 1 ? 1 : 0;
    assertThat(invalidated).isEqualTo(docChunks + docReduce);
    assertThat(
            new CacheWarmJob(spark, settings(), m -> {})
                .run(warehouse.toUri().toString())
                .version())
        .isEqualTo("v00000002");
    JobResult afterInvalidation = run(warehouse, "job-4", "acme");
    assertThat(chunkCalls(warehouse, "job-4")).isEqualTo(docChunks);
    assertThat(calls(warehouse, "job-4")).isEqualTo(docChunks + docReduce);
    assertThat(afterInvalidation.costs().chunks(Resolution.CACHE_HIT))
        .isEqualTo(chunks.size() - byDocument.get(docId).size());
  }
}
