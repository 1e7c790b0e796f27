package io.precis.summarize.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.config.Provider;
import io.precis.core.config.TierSettings;
import io.precis.core.errors.Errors;
import io.precis.core.errors.PrecisException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LlmClientsTest {
  private static TierSettings tier(Provider provider, String apiKeyEnv) {
    return new TierSettings(
        "premium",
        provider,
        URI.create("http://127.0.0.1:9/v1"),
        "gpt-4o",
        apiKeyEnv,
        Duration.ofSeconds(30),
        256,
        0.0,
        0);
  }

  /** An environment that remembers which variables were read. */
  private static final class Environment implements Function<String, String> {
    private final Map<String, String> values;
    private final List<String> read = new ArrayList<>();

    Environment(Map<String, String> values) {
      this.values = values;
    }

    @Override
    public String apply(String name) {
      read.add(name);
      return values.get(name);
    }
  }

  @Test
  void anOpenAiTierWhoseKeyVariableIsUnsetFailsWithTheMissingKeyMessage() {
    Environment environment = new Environment(Map.of("OTHER_KEY", "sk-other"));

    assertThatThrownBy(
            () -> LlmClients.create(tier(Provider.OPENAI, "PRECIS_UNSET_KEY"), environment))
        .isInstanceOf(PrecisException.class)
        .hasMessage(Errors.missingApiKey("PRECIS_UNSET_KEY", "premium").getMessage())
        .hasMessage(
            "Environment variable PRECIS_UNSET_KEY is not set, and tier 'premium' needs it for its"
                + " API key (llm.tiers.premium.api-key-env). Export it (export"
                + " PRECIS_UNSET_KEY=...), or set llm.tiers.premium.api-key-env = \"\" for a server"
                + " that needs no key.");
    assertThat(environment.read).containsExactly("PRECIS_UNSET_KEY");
  }

  @Test
  void aBlankKeyCountsAsUnset() {
    Environment environment = new Environment(Map.of("PRECIS_BLANK_KEY", "  "));

    assertThatThrownBy(
            () -> LlmClients.create(tier(Provider.OPENAI, "PRECIS_BLANK_KEY"), environment))
        .isInstanceOf(PrecisException.class)
        .hasMessage(Errors.missingApiKey("PRECIS_BLANK_KEY", "premium").getMessage());
  }

  @Test
  void anEmptyKeyVariableNeedsNoKeyAndReadsNoEnvironment() {
    Environment environment = new Environment(Map.of());

    LlmClient client = LlmClients.create(tier(Provider.OPENAI, ""), environment);

    assertThat(client).isInstanceOf(OpenAiCompatibleClient.class);
    assertThat(environment.read).isEmpty();
  }

  @Test
  void eachProviderGetsItsClient() {
    Environment environment = new Environment(Map.of("PRECIS_SET_KEY", "sk-1"));

    assertThat(LlmClients.create(tier(Provider.OLLAMA, ""), environment))
        .isInstanceOf(OllamaClient.class);
    assertThat(LlmClients.create(tier(Provider.OPENAI, "PRECIS_SET_KEY"), environment))
        .isInstanceOf(OpenAiCompatibleClient.class);
    assertThat(LlmClients.create(tier(Provider.ANTHROPIC, "PRECIS_SET_KEY"), environment))
        .isInstanceOf(AnthropicClient.class);
    assertThat(environment.read).containsExactly("PRECIS_SET_KEY", "PRECIS_SET_KEY");
  }

  @Test
  void anAnthropicTierWhoseKeyVariableIsUnsetFailsWithTheMissingKeyMessage() {
    assertThatThrownBy(
            () ->
                LlmClients.create(
                    tier(Provider.ANTHROPIC, "PRECIS_UNSET_KEY"), new Environment(Map.of())))
        .isInstanceOf(PrecisException.class)
        .hasMessage(Errors.missingApiKey("PRECIS_UNSET_KEY", "premium").getMessage());
  }

  @Test
  void anOllamaTierWithAKeyVariableNeedsItSetToo() {
    assertThatThrownBy(
            () ->
                LlmClients.create(
                    tier(Provider.OLLAMA, "PRECIS_UNSET_KEY"), new Environment(Map.of())))
        .isInstanceOf(PrecisException.class)
        .hasMessage(Errors.missingApiKey("PRECIS_UNSET_KEY", "premium").getMessage());
  }
}
