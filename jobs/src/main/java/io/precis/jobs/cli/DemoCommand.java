package io.precis.jobs.cli;

import com.typesafe.config.Config;
import io.precis.core.config.ConfigLoader;
import io.precis.core.config.PrecisSettings;
import io.precis.testkit.DemoCorpus;
import io.precis.testkit.sim.LlmSimulator;
import io.precis.testkit.sim.SimulatorOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code precis demo}: summarize-corpus on the sample corpus with simulated models. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs summarize-corpus on sample documents shipped with precis, against simulated models"
          + " started in-process, and prints what it cost against an all-premium baseline."
    })
final class DemoCommand implements Callable<Integer> {
  static final String DEMO_CONF = "precis/conf/demo.conf";

  @Mixin JobOptions job;
  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path corpus = extractCorpus();
    try (LlmSimulator simulator = LlmSimulator.start(SimulatorOptions.defaults())) {
      Config demo = ConfigLoader.parseResource(DEMO_CONF);
      PrecisSettings settings =
          PrecisSettings.from(
              options.load(
                  List.of(demo),
                  List.of(
                      "llm.tiers.cheap.base-url=" + simulator.baseUrl(),
                      "llm.tiers.premium.base-url=" + simulator.openAiBaseUrl())));
      simulator.configure(
          SimulatorOptions.builder()
              .models(
                  settings.llm().cascade().stream()
                      .map(name -> settings.llm().tier(name).model())
                      .toList())
              .build());
      out.println(banner(settings, simulator, corpus));
      out.flush();
      var result =
          JobRunner.run(
              settings,
              new JobRunner.Request(
                  List.of(corpus.toString()),
                  job.warehouse,
                  job.jobId(),
                  Optional.empty(),
                  true,
                  options.verbose),
              out);
      out.println();
      out.println("The models above were SIMULATED: their answers are extracts, their costs are");
      out.println("what the real models would have been charged for the same tokens. To use real");
      out.println(
          "models: ollama pull llama3.2:3b && export OPENAI_API_KEY=... && ./precis run \\");
      out.println(
          "  --input YOUR_FOLDER --conf conf/local.conf   (README: \"Your own documents\")");
      out.flush();
      return result.status().equals("SUCCEEDED") ? 0 : 3;
    }
  }

  private static String banner(PrecisSettings settings, LlmSimulator simulator, Path corpus) {
    return String.join(
        "\n",
        "precis demo: summarizing "
            + DemoCorpus.files().size()
            + " sample documents from "
            + corpus,
        "  Models are SIMULATED by the precis testkit ("
            + simulator.baseUrl()
            + "), not real LLMs:",
        "    cheap tier   " + settings.llm().cheapest().modelKey() + " via the Ollama API",
        "    premium tier " + settings.llm().mostCapable().modelKey() + " via the OpenAI API",
        "  Chunks dense with figures go to the premium tier; the rest to the cheap one.");
  }

  /**
   * The sample documents, always at the same place so that their URIs, and so their doc_ids, are
   * the same from one demo to the next.
   */
  private static Path extractCorpus() {
    Path directory = Path.of(System.getProperty("java.io.tmpdir"), "precis-demo-corpus");
    try {
      if (Files.exists(directory)) {
        try (var paths = Files.walk(directory)) {
          for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
      DemoCorpus.extractTo(directory);
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot extract the demo corpus to " + directory + ": " + e.getMessage(), e);
    }
  }
}
