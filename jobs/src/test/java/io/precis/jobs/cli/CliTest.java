package io.precis.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.testkit.sim.LlmSimulator;
import io.precis.testkit.sim.SimulatorOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CLI's contract with a user who got something wrong: one line on stderr that names the problem
 * and the fix, exit code 2, and no Spark started. These run without Spark.
 */
class CliTest {
  @TempDir Path directory;

  record Outcome(int exitCode, String out, String err) {}

  private static Outcome precis(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Outcome(exitCode, out.toString(), err.toString());
  }

  private Path input() throws IOException {
    Path input = Files.createDirectories(directory.resolve("docs"));
    Files.writeString(input.resolve("a.txt"), "Some text.");
    return input;
  }

  /** `precis run` on a small input with both tiers on the simulator, plus the given arguments. */
  private Outcome runOn(LlmSimulator simulator, String warehouse, String... more)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--input",
                input().toString(),
                "--warehouse",
                warehouse,
                "--set",
                "llm.tiers.cheap.base-url=" + simulator.baseUrl(),
                "--set",
                "llm.tiers.premium.base-url=" + simulator.openAiBaseUrl(),
                "--set",
                "llm.tiers.premium.api-key-env="));
    args.addAll(List.of(more));
    return precis(args.toArray(new String[0]));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void unknownConfigKeyIsOneLineNamingTheKeyAndTheFix() throws IOException {
    Outcome outcome =
        precis("run", "--input", input().toString(), "--set", "chunking.max-token=400");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err().lines()).hasSize(1);
    assertThat(outcome.err())
        .isEqualTo(
            "precis: Unknown config key 'chunking.max-token' (--set chunking.max-token). Did you"
                + " mean 'chunking.max-tokens'? Every key is listed in docs/configuration.md.\n");
  }

  @Test
  void missingInputPathIsOneLineNamingThePath() {
    Path missing = directory.resolve("no-such-folder");
    Outcome outcome = precis("run", "--input", missing.toString());

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err().lines()).hasSize(1);
    assertThat(outcome.err())
        .startsWith("precis: Input path " + missing + " does not exist.")
        .contains("Pass an existing file or folder to --input");
  }

  @Test
  void unreachableOllamaIsOneLineSayingHowToStartItOrUseTheDemo() throws IOException {
    int port = closedPort();
    Outcome outcome =
        precis(
            "run",
            "--input",
            input().toString(),
            "--warehouse",
            directory.resolve("wh").toString(),
            "--set",
            "llm.tiers.cheap.base-url=http://127.0.0.1:" + port,
            "--set",
            "llm.tiers.premium.api-key-env=");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err().lines()).hasSize(1);
    assertThat(outcome.err())
        .isEqualTo(
            "precis: Cannot reach ollama at http://127.0.0.1:"
                + port
                + " for tier 'cheap' (connection refused). Start Ollama (ollama serve) or set"
                + " llm.tiers.cheap.base-url to where it runs; `./precis demo` runs without it, on"
                + " simulated models.\n");
  }

  @Test
  void modelNotPulledSaysToPullIt() throws IOException {
    try (LlmSimulator simulator =
        LlmSimulator.start(SimulatorOptions.builder().models("qwen2.5:7b").build())) {
      Outcome outcome = runOn(simulator, directory.resolve("wh").toString());

      assertThat(outcome.exitCode()).isEqualTo(2);
      assertThat(outcome.err())
          .startsWith(
              "precis: The server at "
                  + simulator.baseUrl()
                  + " for tier 'cheap' does not serve model 'llama3.2:3b'")
          .contains("Pull it (ollama pull llama3.2:3b)");
    }
  }

  @Test
  void missingApiKeyNamesTheVariable() throws IOException {
    Outcome outcome =
        precis(
            "run",
            "--input",
            input().toString(),
            "--set",
            "llm.tiers.premium.api-key-env=PRECIS_TEST_SURELY_UNSET_KEY");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err())
        .startsWith(
            "precis: Environment variable PRECIS_TEST_SURELY_UNSET_KEY is not set, and tier"
                + " 'premium' needs it for its API key");
  }

  @Test
  void badOptionPointsToHelp() {
    Outcome outcome = precis("run", "--inptu", "x");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).startsWith("precis: ").contains("See `precis run --help`.");
  }

  @Test
  void verboseAddsTheStackTrace() {
    Outcome outcome = precis("run", "--input", "x", "--set", "chunking.max-token=400", "--verbose");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err().lines().count()).isGreaterThan(3);
    assertThat(outcome.err()).contains("at io.precis.core.config.KeyValidator");
  }

  @Test
  void configPrintsTheEffectiveConfigurationWithoutSecrets() throws IOException {
    Path conf = directory.resolve("my.conf");
    Files.writeString(conf, "job.feature = \"invoices\"\n");
    Outcome outcome =
        precis(
            "config",
            "--conf",
            conf.toString(),
            "--set",
            "llm.tiers.cheap.base-url=http://user:hunter2@gpu-box:11434",
            "--set",
            "alerts.webhook-url=https://hooks.slack.com/services/T0/B0/S3CRETPATH");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out())
        .contains("feature=invoices")
        .contains("http://<redacted>@gpu-box:11434")
        .doesNotContain("hunter2")
        .contains("https://hooks.slack.com/<redacted>")
        .doesNotContain("S3CRETPATH")
        .contains("\"openai/gpt-4o\"")
        .contains("# API key of tier 'premium': $OPENAI_API_KEY");
  }

  @Test
  void sqlOnAMissingTableSaysHowTablesAreNamed() {
    Path missing = directory.resolve("nowhere");
    Outcome outcome = precis("sql", "SELECT * FROM delta.`" + missing + "/job_costs`");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err().lines()).hasSize(1);
    assertThat(outcome.err())
        .startsWith("precis: The query failed: ")
        .endsWith(
            "Tables are read as delta.`<folder>`, e.g. SELECT * FROM delta.`warehouse/job_costs`.\n");
  }

  @Test
  void sqlResolvesRelativeTableFoldersAndLeavesAbsoluteOnesAndUrisAlone() {
    Path base = Path.of("/data/precis");
    assertThat(
            io.precis.jobs.spark.DeltaPaths.resolve(
                "SELECT * FROM delta.`warehouse/job_costs` JOIN delta.`/abs/t` JOIN"
                    + " delta.`s3a://bucket/w/t` JOIN delta.`file:/x/t`",
                base))
        .isEqualTo(
            "SELECT * FROM delta.`/data/precis/warehouse/job_costs` JOIN delta.`/abs/t` JOIN"
                + " delta.`s3a://bucket/w/t` JOIN delta.`file:/x/t`");
  }

  @Test
  void sqlRunsTheReadmeFormOfAQueryFromTheCurrentFolder() {
    // delta.`relative/folder` resolved against the working directory: a missing table there
    // fails as a missing path (DELTA_PATH_DOES_NOT_EXIST or the like), not as "unsupported
    // data source", which is what Delta says for a relative path it was given as is.
    Outcome outcome = precis("sql", "SELECT * FROM delta.`no-such-warehouse/job_costs`");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err())
        .contains(Path.of("").toAbsolutePath().resolve("no-such-warehouse/job_costs").toString())
        .doesNotContain("UNSUPPORTED_DATASOURCE_FOR_DIRECT_QUERY");
  }

  @Test
  void aBudgetOfNothingIsOneLineBeforeAnythingStarts() {
    Outcome outcome = precis("run", "--input", directory.toString(), "--budget", "0");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err())
        .isEqualTo(
            "precis: --budget is 0 but must be more than 0 USD, e.g. --budget 25 (see what a run"
                + " would cost with `precis estimate --input ...`).\n");
  }

  @Test
  void estimateCallsNoModelCreatesNoWarehouseAndARunOverBudgetDoesNotStart() throws IOException {
    try (LlmSimulator simulator = LlmSimulator.start(SimulatorOptions.defaults())) {
      Path warehouse = directory.resolve("warehouse");
      Outcome estimate =
          precis(
              "estimate",
              "--input",
              input().toString(),
              "--warehouse",
              warehouse.toString(),
              // Unreachable servers: an estimate does not need them, only their prices.
              "--set",
              "llm.tiers.cheap.base-url=http://127.0.0.1:" + closedPort(),
              "--set",
              "llm.tiers.premium.api-key-env=NO_SUCH_KEY_VARIABLE");

      assertThat(estimate.exitCode()).as(estimate.err()).isZero();
      assertThat(estimate.out())
          .contains("no model was called, no table written")
          .contains("1 to summarize")
          .containsPattern("cheap \\(ollama/llama3\\.2:3b\\) +1 +\\d+ +\\d+ +\\$0\\.\\d{6}");
      assertThat(warehouse).doesNotExist();

      Outcome refused = runOn(simulator, warehouse.toString(), "--budget", "0.0000001");

      assertThat(refused.exitCode()).isEqualTo(2);
      assertThat(refused.err().lines()).hasSize(1);
      assertThat(refused.err())
          .startsWith("precis: The run is estimated at $0.0000")
          .contains("over its budget of $0.000000, so it did not start and nothing was spent");
      // The pre-start check asked the servers what they serve; no model was called.
      assertThat(
              simulator
                  .calls()
                  .count(call -> call.path().matches(".*/(chat|generate|completions)$")))
          .isZero();
      assertThat(warehouse).isEmptyDirectory();
    }
  }

  @Test
  void aWarehouseSparkCannotWriteFailsBeforeAnyCallIsPaidFor() throws IOException {
    try (LlmSimulator simulator = LlmSimulator.start(SimulatorOptions.defaults())) {
      Outcome outcome = runOn(simulator, "s3a://no-such-bucket/warehouse");

      assertThat(outcome.exitCode()).isEqualTo(2);
      assertThat(outcome.err().lines()).hasSize(1);
      assertThat(outcome.err())
          .startsWith("precis: Cannot write the warehouse at s3a://no-such-bucket/warehouse (")
          .contains("an s3a:// warehouse needs hadoop-aws on the class path");
      assertThat(simulator.calls().successfulCompletions()).isZero();
    }
  }

  @Test
  void sqlPrintsAnAlignedTable() {
    Outcome outcome = precis("sql", "SELECT 1 AS calls, CAST(0.5 AS DECIMAL(24,12)) AS cost_usd");

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out()).isEqualTo("calls  cost_usd\n-----  --------\n1      0.5     \n");
  }

  @Test
  void simulateRejectsABadShareAndABusyPortWithOneLine() throws IOException {
    Outcome share = precis("simulate", "--port", "0", "--rate-limited", "1.5");
    assertThat(share.exitCode()).isEqualTo(2);
    assertThat(share.err())
        .isEqualTo("precis: Option --rate-limited is 1.5 but must be a share between 0 and 1.\n");

    try (ServerSocket busy = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Outcome port = precis("simulate", "--port", String.valueOf(busy.getLocalPort()));
      assertThat(port.exitCode()).isEqualTo(2);
      assertThat(port.err())
          .startsWith("precis: Port " + busy.getLocalPort() + " is already in use")
          .endsWith("Pick another with --port PORT.\n");
    }
  }

  @Test
  void unknownTokenizerIsCaughtBeforeSparkStarts() throws IOException {
    try (LlmSimulator simulator = LlmSimulator.start(SimulatorOptions.defaults())) {
      Outcome outcome =
          runOn(
              simulator, directory.resolve("wh").toString(), "--set", "chunking.encoding=gpt2-ish");

      assertThat(outcome.exitCode()).isEqualTo(2);
      assertThat(outcome.out()).doesNotContain("starting Spark");
      assertThat(outcome.err())
          .startsWith(
              "precis: Config key 'chunking.encoding' is set to 'gpt2-ish' but must be one of")
          .contains("o200k_base");
    }
  }

  @Test
  void passwordsInUrlsNeverReachErrorMessages() throws IOException {
    int port = closedPort();
    Outcome outcome =
        precis(
            "run",
            "--input",
            input().toString(),
            "--warehouse",
            directory.resolve("wh").toString(),
            "--set",
            "llm.tiers.cheap.base-url=http://bob:hunter2@127.0.0.1:" + port,
            "--set",
            "llm.tiers.premium.api-key-env=");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err())
        .contains("http://<redacted>@127.0.0.1:" + port)
        .doesNotContain("hunter2");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command :
        new String[] {"demo", "run", "simulate", "config", "sql", "cache-warm", "cache"}) {
      Outcome outcome = precis(command, "--help");
      assertThat(outcome.exitCode()).as(command).isZero();
      assertThat(outcome.out()).as(command).startsWith("Usage: precis " + command);
    }
    assertThat(precis("--help").out())
        .contains("demo", "run", "simulate", "config", "sql", "cache-warm", "cache");
    assertThat(precis("cache", "invalidate", "--help").out())
        .startsWith("Usage: precis cache invalidate");
    assertThat(precis("--version").out()).matches("precis \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n");
  }

  @Test
  void cacheInvalidateWithoutCriteriaSaysHowToNameTheEntries() {
    Outcome outcome = precis("cache", "invalidate", "--warehouse", "no-such-warehouse");
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err())
        .contains("Say which cache entries to invalidate: --tag KEY=VALUE")
        .contains("--older-than 30d");
  }

  @Test
  void cacheWarmWithoutEntriesSaysToRunAJobFirst() {
    Outcome outcome = precis("cache-warm", "--warehouse", "no-such-warehouse");
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err())
        .contains("No cache_entries table in the warehouse")
        .contains("Run a job into it first");
  }
}
