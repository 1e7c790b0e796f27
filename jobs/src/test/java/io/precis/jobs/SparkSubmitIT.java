package io.precis.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.jobs.summarize.SummarizeCorpusJob;
import io.precis.jobs.tables.TableSchemas;
import io.precis.testkit.DemoCorpus;
import io.precis.testkit.sim.LlmSimulator;
import io.precis.testkit.sim.SimulatorOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar built for spark-submit, submitted through {@code org.apache.spark.deploy.SparkSubmit} in
 * a separate JVM whose class path holds only what a Spark installation has (Spark, Delta and their
 * dependencies), as on a cluster. Runs after {@code package}, under failsafe.
 */
class SparkSubmitIT {
  private static Path sparkJar;
  private static Set<String> bundledClasses;
  private static List<String> sparkClassPath;

  @TempDir Path directory;

  @BeforeAll
  static void locate() throws IOException {
    sparkJar = Path.of(System.getProperty("precis.sparkJar"));
    assertThat(sparkJar).exists();
    bundledClasses = classes(sparkJar.toFile());
    sparkClassPath = sparkSideClassPath();
  }

  @Test
  void jarLeavesSparkAndDeltaToTheClusterAndClashesWithNothingOnItsClassPath() throws IOException {
    assertThat(bundledClasses)
        .contains("io/precis/jobs/cli/Main.class", "org/apache/tika/parser/AutoDetectParser.class")
        .noneMatch(name -> name.startsWith("org/apache/spark/"))
        .noneMatch(name -> name.startsWith("io/delta/"))
        .noneMatch(name -> name.startsWith("scala/"));
    List<String> clashes = new ArrayList<>();
    for (String entry : sparkClassPath) {
      if (entry.endsWith(".jar")) {
        for (String name : classes(new File(entry))) {
          if (bundledClasses.contains(name)) {
            clashes.add(name + " (also in " + Path.of(entry).getFileName() + ")");
          }
        }
      }
    }
    assertThat(clashes).isEmpty();
  }

  @Test
  void sparkSubmitRunsTheJobAndWritesTheTables() throws Exception {
    Path corpus = Files.createDirectories(directory.resolve("corpus"));
    List<Path> files = DemoCorpus.extractTo(corpus);
    Path warehouse = directory.resolve("warehouse");
    Path log = directory.resolve("spark-submit.log");
    try (LlmSimulator simulator = LlmSimulator.start(SimulatorOptions.defaults())) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of(System.getProperty("precis.jvmOptions").trim().split("\\s+")));
      command.addAll(
          List.of(
              "-cp",
              String.join(File.pathSeparator, sparkClassPath),
              "org.apache.spark.deploy.SparkSubmit",
              "--master",
              "local[2]",
              "--conf",
              "spark.ui.enabled=false",
              "--class",
              "io.precis.jobs.cli.Main",
              sparkJar.toString(),
              "run",
              "--input",
              corpus.toString(),
              "--warehouse",
              warehouse.toString(),
              "--job-id",
              "job-submitted",
              "--feature",
              "spark-submit-test",
              "--set",
              "llm.tiers.cheap.base-url=" + simulator.baseUrl(),
              "--set",
              "llm.tiers.premium.base-url=" + simulator.openAiBaseUrl(),
              "--set",
              "llm.tiers.premium.api-key-env="));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      boolean finished = process.waitFor(5, TimeUnit.MINUTES);
      if (!finished) {
        process.destroyForcibly();
      }
      String output = Files.readString(log);
      assertThat(finished).as("spark-submit finished within 5 minutes:\n%s", output).isTrue();
      assertThat(process.exitValue()).as("exit code; output:\n%s", output).isZero();
      assertThat(output)
          .contains("Job job-submitted (feature spark-submit-test")
          .contains("SUCCEEDED");
    }

    String root = warehouse.toUri().toString();
    DeltaKernelReader reader = new DeltaKernelReader();
    List<Map<String, Object>> documents =
        reader.read(SummarizeCorpusJob.tablePath(root, TableSchemas.DOCUMENTS));
    assertThat(documents).hasSize(files.size());
    assertThat(documents).allSatisfy(d -> assertThat(d.get("status")).isEqualTo("SUMMARIZED"));
    // Tika's HTML, Word and PDF parsers work inside the jar, with its relocated libraries: HTML
    // read as plain text would have no title, and Word or PDF no pages or text of their own.
    assertThat(documents)
        .filteredOn(d -> ((String) d.get("mime_type")).startsWith("text/html"))
        .isNotEmpty()
        .allSatisfy(d -> assertThat((String) d.get("title")).isNotBlank());
    assertThat(documents)
        .filteredOn(d -> d.get("mime_type").equals("application/pdf"))
        .isNotEmpty()
        .allSatisfy(d -> assertThat((Integer) d.get("pages")).isPositive());
    List<Map<String, Object>> costs =
        reader.read(SummarizeCorpusJob.tablePath(root, TableSchemas.JOB_COSTS));
    assertThat(costs).hasSize(1);
    assertThat(costs.get(0).get("job_id")).isEqualTo("job-submitted");
    assertThat(costs.get(0).get("feature")).isEqualTo("spark-submit-test");
    assertThat(reader.read(SummarizeCorpusJob.tablePath(root, TableSchemas.DOC_SUMMARIES)))
        .hasSize(files.size());
  }

  /**
   * What a Spark installation holds: this JVM's class path without precis itself and without every
   * jar the spark-submit jar bundles.
   */
  private static List<String> sparkSideClassPath() throws IOException {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      File file = new File(entry);
      if (!file.isFile() || !entry.endsWith(".jar") || file.getName().startsWith("precis-")) {
        continue; // precis' own classes folders and module jars
      }
      if (!isBundled(file)) {
        entries.add(entry);
      }
    }
    return entries;
  }

  private static boolean isBundled(File jar) throws IOException {
    Set<String> names = classes(jar);
    return !names.isEmpty() && bundledClasses.containsAll(names);
  }

  private static Set<String> classes(File jar) throws IOException {
    Set<String> names = new HashSet<>();
    try (ZipFile zip = new ZipFile(jar)) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName();
        if (name.endsWith(".class")
            && !name.startsWith("META-INF/")
            && !name.endsWith("module-info.class")) {
          names.add(name);
        }
      }
    }
    return names;
  }
}
