package io.precis.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.core.model.Chunk;
import org.junit.jupiter.api.Test;

class DigitShareRoutingPolicyTest {
  private final DigitShareRoutingPolicy policy =
      new DigitShareRoutingPolicy(0.15, "cheap", "premium");

  @Test
  void proseGoesToTheCheapTier() {
    Route route = policy.route(Chunk.of("d", 0, "Employees book travel through the portal.", 8));
    assertThat(route.tier()).isEqualTo("cheap");
    assertThat(route.bucket()).isEqualTo("text");
    assertThat(route.reason()).isEqualTo("digit share 0.00 <= 0.15");
  }

  @Test
  void tablesOfFiguresGoToThePremiumTier() {
    String table = "Q1 2024 | 1,204,330 | 12.5%\nQ2 2024 | 1,310,002 | 13.1%";
    Route route = policy.route(Chunk.of("d", 0, table, 30));
    assertThat(route.tier()).isEqualTo("premium");
    assertThat(route.bucket()).isEqualTo("numeric");
    assertThat(route.reason()).startsWith("digit share 0.").endsWith(" > 0.15");
  }

  @Test
  void digitShareCountsOnlyVisibleCharacters() {
    assertThat(DigitShareRoutingPolicy.digitShare("ab 12")).isEqualTo(0.5);
    assertThat(DigitShareRoutingPolicy.digitShare("   ")).isZero();
  }
}
