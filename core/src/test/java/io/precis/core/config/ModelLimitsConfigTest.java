package io.precis.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.core.errors.PrecisException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The per-tier rate limits and the circuit breaker in configuration. */
class ModelLimitsConfigTest {
  private static PrecisSettings load(String... overrides) {
    return PrecisSettings.from(ConfigLoader.load(Optional.empty(), List.of(overrides)));
  }

  @Test
  void byDefaultNoTierIsLimitedAndTheBreakerOpensAfterFiveFailuresForThirtySeconds() {
    PrecisSettings settings = load();

    for (TierSettings tier : settings.llm().tiers().values()) {
      assertThat(tier.requestsPerMinute()).isZero();
      assertThat(tier.tokensPerMinute()).isZero();
    }
    assertThat(settings.llm().circuitBreaker())
        .isEqualTo(new CircuitBreakerSettings(5, Duration.ofSeconds(30)))
        .isEqualTo(CircuitBreakerSettings.defaults());
  }

  @Test
  void aTierSetsItsOwnLimitsAndTierDefaultsSetEveryTiers() {
    LlmSettings llm =
        load(
                "llm.tier-defaults.tokens-per-minute=30000",
                "llm.tiers.premium.requests-per-minute=500",
                "llm.circuit-breaker.failures=0",
                "llm.circuit-breaker.cool-down=2m")
            .llm();

    assertThat(llm.tier("premium").requestsPerMinute()).isEqualTo(500);
    assertThat(llm.tier("premium").tokensPerMinute()).isEqualTo(30_000);
    assertThat(llm.tier("cheap").requestsPerMinute()).isZero();
    assertThat(llm.tier("cheap").tokensPerMinute()).isEqualTo(30_000);
    assertThat(llm.circuitBreaker().enabled()).isFalse();
    assertThat(llm.circuitBreaker().coolDown()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void theLimitsKeyIsTheModelOnItsServer() {
    LlmSettings llm = load("llm.tiers.premium.base-url=https://api.openai.com/v1/").llm();

    assertThat(llm.tier("premium").limitsKey())
        .isEqualTo("openai/gpt-4o@https://api.openai.com/v1");
    assertThat(llm.tier("cheap").limitsKey())
        .isEqualTo("ollama/llama3.2:3b@http://localhost:11434");
  }

  @Test
  void invalidValuesNameTheKeyAndAnExample() {
    assertThat(messageFor("llm.tiers.cheap.requests-per-minute=-1"))
        .isEqualTo(
            "Config key 'llm.tiers.cheap.requests-per-minute' is set to -1 but must be >= 0. Set"
                + " it to e.g. 500.");
    assertThat(messageFor("llm.tier-defaults.tokens-per-minute=lots"))
        .startsWith("Config key 'llm.tiers.")
        .contains(".tokens-per-minute' is set to 'lots' but must be a whole number.");
    assertThat(messageFor("llm.circuit-breaker.failures=-2"))
        .isEqualTo(
            "Config key 'llm.circuit-breaker.failures' is set to -2 but must be >= 0. Set it to"
                + " e.g. 5.");
    assertThat(messageFor("llm.circuit-breaker.cool-down=0s"))
        .startsWith("Config key 'llm.circuit-breaker.cool-down' is set to '0s' but must be > 0");
    assertThat(messageFor("llm.circuit-breaker.failurs=3"))
        .contains("Did you mean 'llm.circuit-breaker.failures'?");
  }

  @Test
  void tiersOfTheSameModelOnTheSameServerMustAgreeOnItsLimits() {
    List<String> sameModel =
        List.of(
            "llm.tiers.cheap-long.provider=ollama",
            "llm.tiers.cheap-long.base-url=http://localhost:11434/",
            "llm.tiers.cheap-long.model=llama3.2:3b",
            "llm.tiers.cheap-long.max-output-tokens=1024",
            "llm.cascade=[cheap, cheap-long, premium]");

    String message =
        messageFor(
            concat(
                sameModel,
                "llm.tiers.cheap.requests-per-minute=60",
                "llm.tiers.cheap-long.requests-per-minute=120"));
    assertThat(message)
        .isEqualTo(
            "Config keys 'llm.tiers.cheap.requests-per-minute' (60) and"
                + " 'llm.tiers.cheap-long.requests-per-minute' (120) differ, but both tiers call"
                + " ollama/llama3.2:3b@http://localhost:11434 and share one rate limit. Set both to"
                + " the same value (0 = no limit), or set it once in llm.tier-defaults.");
    assertThat(messageFor(concat(sameModel, "llm.tiers.cheap-long.tokens-per-minute=9000")))
        .startsWith(
            "Config keys 'llm.tiers.cheap.tokens-per-minute' (0) and"
                + " 'llm.tiers.cheap-long.tokens-per-minute' (9000) differ");
    // Equal limits, or the same model on another server, are fine.
    assertThat(
            load(concat(sameModel, "llm.tier-defaults.requests-per-minute=60"))
                .llm()
                .tier("cheap-long")
                .requestsPerMinute())
        .isEqualTo(60);
    assertThat(
            load(concat(
                    sameModel,
                    "llm.tiers.cheap-long.base-url=http://gpu-box:11434",
                    "llm.tiers.cheap-long.requests-per-minute=120"))
                .llm()
                .tier("cheap-long")
                .requestsPerMinute())
        .isEqualTo(120);
  }

  private static String[] concat(List<String> first, String... more) {
    List<String> all = new java.util.ArrayList<>(first);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static String messageFor(String... overrides) {
    try {
      load(overrides);
    } catch (PrecisException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error for " + List.of(overrides));
  }
}
