package io.precis.summarize;

import static io.precis.summarize.TestSettings.CLOCK;
import static io.precis.summarize.TestSettings.JOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.config.PrecisSettings;
import io.precis.core.errors.Errors;
import io.precis.core.errors.PrecisException;
import io.precis.core.model.Chunk;
import io.precis.core.model.Resolution;
import io.precis.testkit.sim.LlmSimulator;
import io.precis.testkit.sim.SimulatedCall;
import io.precis.testkit.sim.SimulatedModel;
import io.precis.testkit.sim.SimulatorOptions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Preflight and the wired services against a real simulator serving both tiers. */
class SummarizerServicesTest {
  private static final Function<String, String> NO_ENVIRONMENT = name -> null;

  private static LlmSimulator simulator;

  @BeforeAll
  static void start() {
    simulator = LlmSimulator.start(SimulatorOptions.defaults());
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  @BeforeEach
  void reset() {
    simulator.configure(SimulatorOptions.defaults());
    simulator.calls().clear();
  }

  /** Cheap on the simulator's Ollama API, premium on its OpenAI API without a key. */
  private static PrecisSettings settings(String... overrides) {
    List<String> all = new ArrayList<>();
    all.add("llm.tiers.cheap.base-url=" + simulator.baseUrl());
    all.add("llm.tiers.premium.base-url=" + simulator.openAiBaseUrl());
    all.add("llm.tiers.premium.api-key-env=");
    all.addAll(List.of(overrides));
    return TestSettings.settings(all.toArray(String[]::new));
  }

  private static List<String> paths() {
    return simulator.calls().all().stream().map(SimulatedCall::path).toList();
  }

  @Test
  void preflightPassesWhenBothTiersAreServedAndPriced() {
    simulator.configure(SimulatorOptions.builder().models("llama3.2:3b", "gpt-4o").build());

    assertThatCode(() -> SummarizerServices.preflight(settings(), NO_ENVIRONMENT, CLOCK))
        .doesNotThrowAnyException();

    // It really asked both servers.
    assertThat(paths()).containsExactlyInAnyOrder("/api/tags", "/v1/models");
  }

  @Test
  void preflightNamesTheTierAndModelWhenTheCheapModelIsNotServed() {
    simulator.configure(SimulatorOptions.builder().models("qwen2.5:7b", "gpt-4o").build());

    assertThatThrownBy(() -> SummarizerServices.preflight(settings(), NO_ENVIRONMENT, CLOCK))
        .isInstanceOf(PrecisException.class)
        .hasMessage(
            "The server at "
                + simulator.baseUrl()
                + " for tier 'cheap' does not serve model 'llama3.2:3b' (it has [qwen2.5:7b,"
                + " gpt-4o]). Pull it (ollama pull llama3.2:3b) or set llm.tiers.cheap.model to a"
                + " model the server has.");
  }

  @Test
  void preflightFailsWithTheMissingPriceMessageBeforeAskingAnyServer() {
    simulator.configure(SimulatorOptions.builder().models("llama3.2:3b", "gpt-unpriced").build());
    PrecisSettings settings = settings("llm.tiers.premium.model=gpt-unpriced");

    assertThatThrownBy(() -> SummarizerServices.preflight(settings, NO_ENVIRONMENT, CLOCK))
        .isInstanceOf(PrecisException.class)
        .hasMessage(Errors.missingPrice("openai/gpt-unpriced", "premium").getMessage())
        .hasMessageContaining("prices { \"openai/gpt-unpriced\" = [{ since = ");
    assertThat(simulator.calls().all()).isEmpty();
  }

  @Test
  void preflightWantsAPriceInEffectOnTheDayOfTheClock() {
    // ollama/llama3.2:3b is priced from 2024-09-25 on.
    Clock before = Clock.fixed(Instant.parse("2024-09-24T12:00:00Z"), ZoneOffset.UTC);

    assertThatThrownBy(() -> SummarizerServices.preflight(settings(), NO_ENVIRONMENT, before))
        .isInstanceOf(PrecisException.class)
        .hasMessage(Errors.missingPrice("ollama/llama3.2:3b", "cheap").getMessage());
  }

  @Test
  void preflightPricesTheBaselineTierEvenWhenTheCascadeDoesNotCallIt() {
    PrecisSettings settings =
        settings("llm.cascade=[cheap]", "llm.tiers.premium.model=gpt-unpriced");

    assertThatThrownBy(() -> SummarizerServices.preflight(settings, NO_ENVIRONMENT, CLOCK))
        .isInstanceOf(PrecisException.class)
        .hasMessage(Errors.missingPrice("openai/gpt-unpriced", "premium").getMessage());
  }

  @Test
  void preflightWantsTheApiKeyOfATierThatNamesOne() {
    PrecisSettings settings = settings("llm.tiers.premium.api-key-env=PRECIS_TEST_UNSET_KEY");

    assertThatThrownBy(() -> SummarizerServices.preflight(settings, NO_ENVIRONMENT, CLOCK))
        .isInstanceOf(PrecisException.class)
        .hasMessage(Errors.missingApiKey("PRECIS_TEST_UNSET_KEY", "premium").getMessage());
  }

  @Test
  void theWiredServicesSummarizeAndReduceOnTheSimulator() {
    SummarizerServices services =
        SummarizerServices.create(settings(), Map.<String, String>of()::get, CLOCK);
    String prose =
        "Employees book business travel through the travel portal. Managers approve each trip.";
    // A financial calculation: routing.pins sends it to the premium tier.
    String figures =
        "Q1 revenue $1,204,330, gross margin 12.5%,\ninterest $310,002, net income up 13.1%.";

    ChunkOutcome first = services.chunks().summarize(Chunk.of("doc-1", 0, prose, 20), "h.md", JOB);
    ChunkOutcome second =
        services.chunks().summarize(Chunk.of("doc-1", 1, figures, 30), "h.md", JOB);
    DocumentSummary document =
        services.documents().reduce("doc-1", "h.md", List.of(second, first), JOB);

    assertThat(first.resolution()).isEqualTo(Resolution.CHEAP);
    assertThat(first.summary())
        .isEqualTo(SimulatedModel.summarize(Prompt.CHUNK_SUMMARY.user("h.md", prose), 256));
    assertThat(second.resolution()).isEqualTo(Resolution.PREMIUM);
    assertThat(second.summary())
        .isEqualTo(SimulatedModel.summarize(Prompt.CHUNK_SUMMARY.user("h.md", figures), 256));
    String partials = first.summary() + "\n\n" + second.summary();
    assertThat(document.summary())
        .isEqualTo(SimulatedModel.summarize(Prompt.DOCUMENT_REDUCE.user("h.md", partials), 256));
    assertThat(document.models()).containsExactlyInAnyOrder("llama3.2:3b", "gpt-4o");
    assertThat(simulator.calls().all())
        .extracting(SimulatedCall::path)
        .containsExactly("/api/chat", "/v1/chat/completions", "/api/chat");
    SimulatedCall reduce = simulator.calls().all().get(2);
    assertThat(document.calls().get(0).usage().inputTokens()).isEqualTo(reduce.inputTokens());
    assertThat(document.calls().get(0).usage().outputTokens()).isEqualTo(reduce.outputTokens());
  }
}
