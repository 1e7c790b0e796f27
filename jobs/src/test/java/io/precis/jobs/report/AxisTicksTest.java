package io.precis.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class AxisTicksTest {
  @Test
  void stepsAreOneTwoOrFiveTimesAPowerOfTenAndTheLabelsExact() {
    AxisTicks cents = AxisTicks.covering(BigDecimal.ZERO, new BigDecimal("0.0173"), 5);
    assertThat(cents.step()).isEqualByComparingTo("0.005");
    assertThat(labels(cents)).containsExactly("$0", "$0.005", "$0.010", "$0.015", "$0.020");

    AxisTicks dollars = AxisTicks.covering(BigDecimal.ZERO, new BigDecimal("912.445"), 5);
    assertThat(labels(dollars)).containsExactly("$0", "$200", "$400", "$600", "$800", "$1,000");

    AxisTicks tiny = AxisTicks.covering(BigDecimal.ZERO, new BigDecimal("0.000024760000"), 5);
    assertThat(tiny.max()).isEqualByComparingTo("0.000025");
    assertThat(labels(tiny).get(1)).isEqualTo("$0.000005");
  }

  @Test
  void negativeValuesExtendTheAxisBelowZeroAndAnEmptyAxisRunsToOneDollar() {
    AxisTicks both = AxisTicks.covering(new BigDecimal("-0.75"), new BigDecimal("2.25"), 5);
    assertThat(labels(both)).containsExactly("-$1", "$0", "$1", "$2", "$3");
    assertThat(both.fraction(BigDecimal.ZERO)).isEqualTo(0.25);

    AxisTicks none = AxisTicks.covering(BigDecimal.ZERO, BigDecimal.ZERO, 5);
    assertThat(labels(none)).containsExactly("$0", "$1");
  }

  private static List<String> labels(AxisTicks ticks) {
    return ticks.values().stream().map(ticks::label).toList();
  }
}
