package io.precis.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.jobs.DeltaKernelReader;
import io.precis.jobs.summarize.SummarizeCorpusJob;
import io.precis.jobs.tables.TableSchemas;
import io.precis.testkit.DemoCorpus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `precis demo`, the README's first command, in-process: simulator, Spark, tables, cost table. */
class DemoCommandTest {
  @TempDir Path directory;

  @Test
  void demoRunsOnSimulatedModelsAndSaysSo() {
    Path warehouse = directory.resolve("warehouse");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));

    int exitCode =
        commandLine.execute("demo", "--warehouse", warehouse.toString(), "--job-id", "job-demo");

    assertThat(exitCode).as("stderr: %s", err).isZero();
    String text = out.toString();
    assertThat(text)
        .contains("Models are SIMULATED by the precis testkit")
        .contains("cheap tier   ollama/llama3.2:3b via the Ollama API")
        .contains("premium tier openai/gpt-4o via the OpenAI API")
        .contains("Job job-demo (feature default, tenant default): SUCCEEDED")
        .containsPattern("cheap \\(ollama/llama3\\.2:3b\\) +\\d+ +\\d+ +\\d+ +\\$0\\.\\d{6}")
        .containsPattern("all-premium baseline \\(every call on openai/gpt-4o\\) +\\$0\\.\\d{6}")
        .containsPattern("of which the \\d+ duplicate chunks +\\$0\\.\\d{6}")
        .containsPattern("saving \\(\\d+\\.\\d%\\) +\\$0\\.\\d{6}")
        .contains("The models above were SIMULATED")
        .contains("conf/local.conf");

    DeltaKernelReader reader = new DeltaKernelReader();
    String root = warehouse.toUri().toString();
    List<Map<String, Object>> documents =
        reader.read(SummarizeCorpusJob.tablePath(root, TableSchemas.DOCUMENTS));
    assertThat(documents).hasSize(DemoCorpus.files().size());
    Map<String, Object> costs =
        reader.read(SummarizeCorpusJob.tablePath(root, TableSchemas.JOB_COSTS)).get(0);
    BigDecimal cost = (BigDecimal) costs.get("cost_usd");
    String printedCost = CostReport.money(cost);
    assertThat(text).containsPattern("total +\\d+ +\\d+ +\\d+ +\\" + printedCost);
  }
}
