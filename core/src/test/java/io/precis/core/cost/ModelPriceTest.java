package io.precis.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.errors.PrecisException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelPriceTest {
  private static final ModelPrice GPT_4O =
      new ModelPrice(
          LocalDate.of(2024, 10, 2),
          new BigDecimal("2.50"),
          new BigDecimal("1.25"),
          new BigDecimal("10.00"),
          new BigDecimal("0.5"));

  @Test
  void costSplitsCachedAndUncachedInputExactly() {
    // 1,000 input of which 400 cached, 200 output:
    // 600 * 2.50/1e6 + 400 * 1.25/1e6 + 200 * 10/1e6 = 0.0015 + 0.0005 + 0.002 = 0.004
    BigDecimal cost = GPT_4O.cost(new TokenUsage(1000, 200, 400), false);
    assertThat(cost).isEqualTo(new BigDecimal("0.004000000000"));
    assertThat(cost.scale()).isEqualTo(Money.SCALE);
  }

  @Test
  void batchDiscountHalvesTheCost() {
    assertThat(GPT_4O.cost(new TokenUsage(1000, 200, 400), true))
        .isEqualTo(new BigDecimal("0.002000000000"));
  }

  @Test
  void manySmallCostsSumExactlyWhereDoublesDrift() {
    ModelPrice mini =
        new ModelPrice(
            LocalDate.of(2024, 7, 18),
            new BigDecimal("0.15"),
            new BigDecimal("0.075"),
            new BigDecimal("0.60"),
            BigDecimal.ZERO);
    BigDecimal total = Money.ZERO;
    double drifting = 0;
    for (int i = 0; i < 10_000; i++) {
      BigDecimal cost = mini.cost(new TokenUsage(7, 3, 0), false);
      total = total.add(cost);
      drifting += cost.doubleValue();
    }
    // 10,000 * (7 * 0.15 + 3 * 0.60) / 1e6 = 10,000 * 2.85e-6 = 0.0285
    assertThat(total).isEqualByComparingTo("0.0285");
    assertThat(new BigDecimal(drifting)).isNotEqualByComparingTo("0.0285");
  }

  @Test
  void priceTablePicksThePriceInEffectOnTheDay() {
    ModelPrice old =
        new ModelPrice(
            LocalDate.of(2024, 5, 13),
            new BigDecimal("5"),
            new BigDecimal("5"),
            new BigDecimal("15"),
            BigDecimal.ZERO);
    PriceTable table = new PriceTable(Map.of("openai/gpt-4o", List.of(GPT_4O, old)));

    assertThat(table.price("openai/gpt-4o", LocalDate.of(2024, 5, 12))).isEmpty();
    assertThat(table.price("openai/gpt-4o", LocalDate.of(2024, 5, 13))).contains(old);
    assertThat(table.price("openai/gpt-4o", LocalDate.of(2024, 10, 1))).contains(old);
    assertThat(table.price("openai/gpt-4o", LocalDate.of(2024, 10, 2))).contains(GPT_4O);
    assertThat(table.price("openai/other", LocalDate.of(2024, 10, 2))).isEmpty();
  }

  @Test
  void missingPriceIsAClearError() {
    PriceTable table = new PriceTable(Map.of());
    assertThatThrownBy(() -> table.require("ollama/mystery:1b", "cheap", LocalDate.now()))
        .isInstanceOf(PrecisException.class)
        .hasMessageStartingWith(
            "No price for model 'ollama/mystery:1b' (tier 'cheap'), so its calls could not be"
                + " costed. Add it to the price table in your --conf file: prices {"
                + " \"ollama/mystery:1b\" = [{");
  }

  @Test
  void usageRejectsCachedAboveInput() {
    assertThatThrownBy(() -> new TokenUsage(10, 0, 11))
        .hasMessage("cachedInputTokens 11 exceeds inputTokens 10");
  }
}
