package io.precis.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.core.errors.PrecisException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutingSettingsTest {
  private static RoutingSettings routing(String... overrides) {
    return PrecisSettings.from(ConfigLoader.load(Optional.empty(), List.of(overrides))).routing();
  }

  private static String messageFor(String... overrides) {
    try {
      routing(overrides);
    } catch (PrecisException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error for " + List.of(overrides));
  }

  @Test
  void theDefaultsSendComplexAndNovelChunksAndFinancialContentToPremium() {
    RoutingSettings routing = routing();

    assertThat(routing.examples()).isEmpty();
    assertThat(routing.k()).isEqualTo(5);
    assertThat(routing.novelThreshold()).isEqualTo(0.2);
    assertThat(routing.minConfidence()).isEqualTo(0.4);
    assertThat(routing.tiers("simple")).containsExactly("cheap", "premium");
    assertThat(routing.tiers("extraction")).containsExactly("cheap", "premium");
    assertThat(routing.tiers("complex")).containsExactly("premium");
    assertThat(routing.tiers("novel")).containsExactly("premium");
    assertThat(routing.pins())
        .containsExactly(
            new RoutingSettings.Pin("", "financial", List.of("premium")),
            new RoutingSettings.Pin("legal", "", List.of("premium")));
  }

  @Test
  void pinsAreReadInOrderAndMatchFeatureContentOrBoth() {
    RoutingSettings routing =
        routing(
            "routing.pins=[{feature = contracts, content = legal, tiers = [premium, cheap]},"
                + " {feature = contracts, tiers = [cheap]}]");

    RoutingSettings.Pin both = routing.pins().get(0);
    RoutingSettings.Pin feature = routing.pins().get(1);
    assertThat(both.tiers()).containsExactly("premium", "cheap");
    assertThat(both.describe()).isEqualTo("feature=contracts content=legal");
    assertThat(both.matches("contracts", List.of("legal"))).isTrue();
    assertThat(both.matches("contracts", List.of("financial"))).isFalse();
    assertThat(both.matches("support", List.of("legal"))).isFalse();
    assertThat(feature.matches("contracts", List.of())).isTrue();
    assertThat(feature.describe()).isEqualTo("feature=contracts");
  }

  @Test
  void aTierThatLlmTiersDoesNotDefineIsAnErrorThatListsTheTiers() {
    assertThat(messageFor("routing.buckets.complex=[gold]"))
        .isEqualTo(
            "Config key 'routing.buckets.complex' names tier 'gold', which llm.tiers does not"
                + " define (it defines cheap, premium). Name one of those, or define"
                + " llm.tiers.gold { provider, base-url, model }.");
    assertThat(messageFor("routing.pins=[{content = financial, tiers = [cheap, platinum]}]"))
        .startsWith(
            "Config key 'routing.pins[0].tiers' names tier 'platinum', which llm.tiers does not"
                + " define (it defines cheap, premium).");
    // A tier defined under llm.tiers is fine, in the cascade or not.
    assertThat(
            routing(
                    "llm.tiers.gold={ provider = openai, base-url = \"https://api.openai.com/v1\","
                        + " model = gpt-4o }",
                    "routing.buckets.complex=[gold]")
                .tiers("complex"))
        .containsExactly("gold");
  }

  @Test
  void badValuesNameTheKey() {
    assertThat(messageFor("routing.buckets.simple=[]"))
        .isEqualTo(
            "Config key 'routing.buckets.simple' is set to '[]' but must be a list of at least one"
                + " tier. Set it to e.g. [cheap, premium].");
    assertThat(messageFor("routing.buckets.simple=[cheap, cheap]"))
        .startsWith(
            "Config key 'routing.buckets.simple' is set to [cheap, cheap] but must be a list that"
                + " names each tier once");
    assertThat(messageFor("routing.buckets.hard=[premium]"))
        .startsWith("Unknown config key 'routing.buckets.hard'");
    assertThat(messageFor("routing.k=0"))
        .startsWith("Config key 'routing.k' is set to 0 but must be >= 1");
    assertThat(messageFor("routing.novel-threshold=2"))
        .startsWith("Config key 'routing.novel-threshold' is set to 2");
    assertThat(messageFor("routing.pins=[{content = medical, tiers = [premium]}]"))
        .startsWith(
            "Config key 'routing.pins[0].content' is set to 'medical' but must be one of"
                + " [financial, legal]");
    assertThat(messageFor("routing.pins=[{tiers = [premium]}]"))
        .startsWith(
            "Config key 'routing.pins[0]' is set to {tiers=[premium]} but must be a pin that sets"
                + " feature, content or both");
    assertThat(messageFor("routing.pins=[{feature = legal}]"))
        .startsWith(
            "Config key 'routing.pins[0].tiers' is set to 'missing' but must be a list of at least"
                + " one tier");
    assertThat(messageFor("routing.pins=[{feature = legal, tier = [premium]}]"))
        .startsWith("Unknown config key 'routing.pins[0].tier'")
        .contains("Did you mean 'routing.pins[0].tiers'?");
    assertThat(messageFor("routing.pins=[{feature = legal, tiers = premium}]"))
        .startsWith(
            "Config key 'routing.pins[0].tiers' is set to 'premium' but must be a list of names");
    assertThat(messageFor("routing.pins={ feature = legal }"))
        .startsWith("Config key 'routing.pins' is written as an object");
  }
}
