package io.precis.routing.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.config.ConfigLoader;
import io.precis.core.config.EmbedderSettings;
import io.precis.core.config.PrecisSettings;
import io.precis.core.errors.PrecisException;
import io.precis.testkit.sim.LlmSimulator;
import io.precis.testkit.sim.SimulatorOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EmbeddersTest {
  private static final Function<String, String> NO_ENV = name -> null;

  @Test
  void aRemoteProviderWithoutABaseUrlNamesTheKeyWithAnExample() {
    assertThatThrownBy(() -> Embedders.create(remote("ollama", "", "nomic-embed-text", ""), NO_ENV))
        .isInstanceOf(PrecisException.class)
        .hasMessageContaining("'embedder.base-url'")
        .hasMessageContaining("when embedder.provider is \"ollama\"")
        .hasMessageContaining("\"http://localhost:11434\"");
    assertThatThrownBy(() -> Embedders.create(remote("openai", "api.openai.com", "m", ""), NO_ENV))
        .isInstanceOf(PrecisException.class)
        .hasMessageContaining("'embedder.base-url' is set to 'api.openai.com'")
        .hasMessageContaining("\"https://api.openai.com/v1\"");
  }

  @Test
  void loadingTheConfigurationChecksTheProvidersKeys() {
    assertThatThrownBy(
            () ->
                PrecisSettings.from(
                    ConfigLoader.load(
                        Optional.empty(),
                        List.of(
                            "embedder.provider=openai", "embedder.model=text-embedding-3-small"))))
        .isInstanceOf(PrecisException.class)
        .hasMessageContaining("'embedder.base-url' is set to ''");
    EmbedderSettings loaded =
        PrecisSettings.from(
                ConfigLoader.load(
                    Optional.empty(),
                    List.of(
                        "embedder.provider=ollama",
                        "embedder.base-url=http://localhost:11434",
                        "embedder.model=nomic-embed-text")))
            .embedder();
    assertThat(loaded.model()).isEqualTo("nomic-embed-text");
  }

  @Test
  void aRemoteProviderWithoutAModelNamesTheKeyWithAnExample() {
    assertThatThrownBy(
            () -> Embedders.create(remote("openai", "https://api.openai.com/v1", "", ""), NO_ENV))
        .isInstanceOf(PrecisException.class)
        .hasMessageContaining("'embedder.model'")
        .hasMessageContaining("\"text-embedding-3-small\"");
  }

  @Test
  void aMissingKeyVariableSaysToExportIt() {
    EmbedderSettings settings =
        remote("openai", "https://api.openai.com/v1", "text-embedding-3-small", "EMBED_KEY");
    assertThatThrownBy(() -> Embedders.create(settings, NO_ENV))
        .isInstanceOf(PrecisException.class)
        .hasMessageContaining("EMBED_KEY is not set")
        .hasMessageContaining("export EMBED_KEY=");
  }

  @Test
  void createBuildsEachProvider() {
    try (Embedder minilm = Embedders.create(EmbedderSettings.minilm(), NO_ENV);
        Embedder ollama =
            Embedders.create(remote("ollama", "http://localhost:11434", "m", ""), NO_ENV);
        Embedder openAi =
            Embedders.create(
                remote("openai", "https://api.openai.com/v1", "m", "K"), Map.of("K", "k")::get)) {
      assertThat(minilm).isInstanceOf(MiniLmEmbedder.class);
      assertThat(ollama.id()).isEqualTo("ollama/m");
      assertThat(openAi.id()).isEqualTo("openai/m");
    }
  }

  @Test
  void checkEmbedsOneTextAndGivesTheDimensions() {
    try (LlmSimulator simulator =
        LlmSimulator.start(SimulatorOptions.builder().embeddingDimensions(32).build())) {
      assertThat(Embedders.check(remote("ollama", simulator.baseUrl(), "m", ""), NO_ENV))
          .isEqualTo(32);
      assertThat(simulator.calls().count(c -> c.path().equals("/api/embed"))).isEqualTo(1);
    }
    assertThat(Embedders.check(EmbedderSettings.minilm(), NO_ENV)).isEqualTo(384);
  }

  @Test
  void checkFailsWithTheFix() {
    try (LlmSimulator simulator =
        LlmSimulator.start(SimulatorOptions.builder().models("llama3.2:3b").build())) {
      assertThatThrownBy(
              () ->
                  Embedders.check(
                      remote("ollama", simulator.baseUrl(), "nomic-embed-text", ""), NO_ENV))
          .isInstanceOf(PrecisException.class)
          .hasMessageContaining("ollama pull nomic-embed-text");
    }
  }

  @Test
  void blankTextsAreRefusedByEveryEmbedder() {
    try (Embedder minilm = new MiniLmEmbedder();
        Embedder ollama =
            Embedders.create(remote("ollama", "http://localhost:1", "m", ""), NO_ENV)) {
      for (Embedder embedder : new Embedder[] {minilm, ollama}) {
        assertThatThrownBy(() -> embedder.embed(List.of("text", " \n")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("text 1 of 2 is blank");
      }
    }
  }

  private static EmbedderSettings remote(
      String provider, String baseUrl, String model, String apiKeyEnv) {
    return new EmbedderSettings(provider, baseUrl, model, apiKeyEnv, 16, 0, Duration.ofSeconds(5));
  }
}
