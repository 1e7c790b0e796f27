package io.precis.jobs.summarize;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.chunking.source.AwsSystemCredentials;
import io.precis.chunking.source.DocumentSources;
import io.precis.chunking.source.S3TestServer;
import io.precis.core.config.ConfigLoader;
import io.precis.core.config.PrecisSettings;
import io.precis.core.model.JobContext;
import io.precis.jobs.DeltaKernelReader;
import io.precis.jobs.spark.SparkSessions;
import io.precis.jobs.tables.TableSchemas;
import io.precis.testkit.DemoCorpus;
import io.precis.testkit.sim.LlmSimulator;
import io.precis.testkit.sim.SimulatorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same 2,000-odd documents read from a folder and from an S3 bucket (S3Proxy, a real S3 server)
 * give the same documents and chunks rows: only where a document came from differs.
 */
class S3SourceJobTest {
  private static final int GENERATED = 2_000;
  private static SparkSession spark;
  private static LlmSimulator simulator;

  @RegisterExtension final AwsSystemCredentials credentials = new AwsSystemCredentials();
  @TempDir Path directory;

  @BeforeAll
  static void start() {
    simulator = LlmSimulator.start(SimulatorOptions.defaults());
    spark =
        SparkSessions.create(
            PrecisSettings.from(ConfigLoader.load(Optional.empty(), List.of())).spark(),
            Optional.of("local[2]"));
    spark.sparkContext().setLogLevel("WARN");
  }

  @AfterAll
  static void stop() {
    spark.stop();
    simulator.close();
  }

  @Test
  void aBucketGivesTheSameRowsAsTheFolderItWasUploadedFrom() throws IOException {
    Path corpus = Files.createDirectories(directory.resolve("corpus"));
    DemoCorpus.extractTo(corpus.resolve("demo"));
    for (int i = 0; i < GENERATED; i++) {
      Path file = corpus.resolve("notes/" + (i % 20) + "/note-" + i + ".txt");
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          "Quillmoor internal note - do not forward\n\n"
              + "Note "
              + i
              + ": the dock schedule for bay "
              + (i % 37)
              + " moves to "
              + (6 + i % 5)
              + " o'clock from Monday.\n\nQuillmoor Logistics B.V., Rotterdam\n");
    }
    S3TestServer server = S3TestServer.shared();
    String bucket = server.createBucket();
    List<String> keys = server.uploadFolder(corpus, bucket, "drive/");
    assertThat(keys.size()).isGreaterThanOrEqualTo(GENERATED + 20);

    Map<String, Map<String, Object>> fromDisk =
        rows(corpus.toString(), corpus.toUri().toString(), "job-disk");
    Map<String, Map<String, Object>> fromS3 =
        rows("s3://" + bucket + "/drive/", "s3://" + bucket + "/drive/", "job-s3");

    assertThat(fromS3.keySet()).filteredOn(key -> !key.contains("#")).hasSize(keys.size());
    assertThat(fromS3.keySet())
        .filteredOn(key -> key.contains("#"))
        .hasSizeGreaterThan(keys.size());
    assertThat(fromS3).isEqualTo(fromDisk);
    assertThat(fromDisk.values())
        .filteredOn(row -> "documents".equals(row.get("table")))
        .allSatisfy(row -> assertThat(row.get("status")).isEqualTo("SUMMARIZED"));
  }

  /**
   * The documents and chunks rows of a run, keyed by each document's path relative to the input
   * (and a chunk's ordinal), without the columns that name where the document came from.
   */
  private Map<String, Map<String, Object>> rows(String input, String root, String jobId) {
    S3TestServer server = S3TestServer.shared();
    PrecisSettings settings =
        PrecisSettings.from(
            ConfigLoader.load(
                Optional.empty(),
                List.of(
                    "llm.tiers.cheap.base-url=" + simulator.baseUrl(),
                    "llm.tiers.premium.base-url=" + simulator.openAiBaseUrl(),
                    "llm.tiers.premium.api-key-env=",
                    "parsing.isolation=none",
                    "spark.partitions=4",
                    "source.s3.endpoint=" + server.endpoint(),
                    "source.s3.path-style=true",
                    // Dedupe summarizes the copy with the smallest chunk id, and ids derive from
                    // the document's URI: which copy that is differs between the two sources.
                    "dedupe.enabled=false")));
    Path warehouse = directory.resolve("warehouse-" + jobId);
    new SummarizeCorpusJob(spark, settings, message -> {})
        .run(
            DocumentSources.of(List.of(input), settings.source()),
            warehouse.toUri().toString(),
            new JobContext(jobId, "s3-test", "acme", ""),
            false);

    DeltaKernelReader reader = new DeltaKernelReader();
    String tables = warehouse.toUri().toString();
    Map<String, String> paths = new TreeMap<>();
    Map<String, Map<String, Object>> rows = new TreeMap<>();
    for (Map<String, Object> document :
        reader.read(SummarizeCorpusJob.tablePath(tables, TableSchemas.DOCUMENTS))) {
      String uri = (String) document.get("uri");
      String path =
          uri.substring(uri.indexOf(root.endsWith("/") ? root : root + "/") + root.length());
      paths.put((String) document.get("doc_id"), path.startsWith("/") ? path.substring(1) : path);
      Map<String, Object> row = new TreeMap<>(document);
      for (String where : List.of("doc_id", "uri", "version", "job_id", "processed_at")) {
        row.remove(where);
      }
      row.put("table", "documents");
      rows.put(paths.get((String) document.get("doc_id")), row);
    }
    for (Map<String, Object> chunk :
        reader.read(SummarizeCorpusJob.tablePath(tables, TableSchemas.CHUNKS))) {
      Map<String, Object> row = new TreeMap<>();
      for (String column : List.of("ordinal", "tokens", "text_hash", "minhash", "resolution")) {
        row.put(column, chunk.get(column));
      }
      row.put("table", "chunks");
      rows.put(paths.get((String) chunk.get("doc_id")) + "#" + chunk.get("ordinal"), row);
    }
    return rows;
  }
}
