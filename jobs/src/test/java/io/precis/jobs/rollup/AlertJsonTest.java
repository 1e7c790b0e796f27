package io.precis.jobs.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The webhook's JSON: money as exact strings, the factor as a number, null without a baseline. */
class AlertJsonTest {
  @Test
  void moneyIsAnExactStringWithAtLeastCents() {
    AlertTransition fired =
        new AlertTransition(
            "support-bot",
            LocalDate.of(2026, 11, 20),
            AlertState.FIRING,
            new BigDecimal("12.500000000000"),
            new BigDecimal("5.000000000001"),
            2.5,
            "Spend was \"high\".");

    assertThat(AlertJson.body(fired))
        .isEqualTo(
            "{\"alert\":\"spend\",\"alert_id\":\""
                + fired.alertId()
                + "\",\"feature\":\"support-bot\",\"state\":\"FIRING\",\"day\":\"2026-11-20\","
                + "\"spend_usd\":\"12.50\",\"baseline_usd\":\"5.000000000001\",\"factor\":2.5,"
                + "\"reason\":\"Spend was \\\"high\\\".\"}");
  }

  @Test
  void theFactorIsNullWhenTheBaselineIsZero() {
    AlertTransition fired =
        new AlertTransition(
            "f",
            LocalDate.of(2026, 11, 20),
            AlertState.FIRING,
            BigDecimal.TEN,
            BigDecimal.ZERO,
            null,
            "r");

    assertThat(AlertJson.body(fired)).contains("\"baseline_usd\":\"0.00\",\"factor\":null,");
    assertThat(MoneyText.exact(new BigDecimal("1E+3"))).isEqualTo("1000.00");
    assertThat(MoneyText.factor(2.0)).isEqualTo("2");
  }
}
