package io.precis.summarize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.cost.Money;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CallBudgetTest {
  /** The smallest amount money keeps: a millionth of a micro-dollar. */
  private static final BigDecimal SMALLEST = new BigDecimal("0.000000000001");

  @Test
  void aCallIsAllowedWhenItsWorstCaseReachesTheLimitExactlyAndNotAnyFurther() {
    CallBudget budget = CallBudget.of(new BigDecimal("1.00"));

    assertThat(budget.allows(new BigDecimal("1.00"))).isTrue();
    assertThat(budget.allows(new BigDecimal("1.00").add(SMALLEST))).isFalse();

    budget.spend(new BigDecimal("0.40"));

    assertThat(budget.allows(new BigDecimal("0.60"))).isTrue();
    assertThat(budget.allows(new BigDecimal("0.6"))).isTrue();
    assertThat(budget.allows(new BigDecimal("0.60").add(SMALLEST))).isFalse();
    assertThat(budget.allows(BigDecimal.ZERO)).isTrue();
  }

  @Test
  void aSpentBudgetAllowsOnlyCallsThatCostNothing() {
    CallBudget budget = CallBudget.of(new BigDecimal("0.25"));

    budget.spend(new BigDecimal("0.25"));

    assertThat(budget.allows(BigDecimal.ZERO)).isTrue();
    assertThat(budget.allows(SMALLEST)).isFalse();
  }

  @Test
  void spendingAddsUpExactly() {
    CallBudget budget = CallBudget.of(BigDecimal.ONE);

    // Ten dimes: 0.9999999999999999 in doubles, exactly 1 in decimals.
    for (int i = 0; i < 10; i++) {
      budget.spend(new BigDecimal("0.1"));
    }

    assertThat(budget.spent()).isEqualTo(new BigDecimal("1.000000000000"));
    assertThat(budget.allows(BigDecimal.ZERO)).isTrue();
    assertThat(budget.allows(SMALLEST)).isFalse();

    CallBudget small = CallBudget.of(BigDecimal.ONE);
    small.spend(new BigDecimal("0.000000000003"));
    small.spend(new BigDecimal("0.000008160000"));
    small.spend(new BigDecimal("0.00152"));
    assertThat(small.spent()).isEqualByComparingTo("0.001528160003");
  }

  @Test
  void aNewBudgetHasSpentNothingAndKeepsItsLimitAtTheMoneyScale() {
    CallBudget budget = CallBudget.of(new BigDecimal("2.5"));

    assertThat(budget.spent()).isEqualTo(Money.ZERO);
    assertThat(budget.limit()).isEqualTo(new BigDecimal("2.500000000000"));
  }

  @Test
  void anUnlimitedBudgetAllowsEverythingAndStillCountsWhatIsSpent() {
    CallBudget budget = CallBudget.unlimited();

    budget.spend(new BigDecimal("1000000"));
    budget.spend(new BigDecimal("0.000000000001"));

    assertThat(budget.limit()).isNull();
    assertThat(budget.allows(new BigDecimal("1e30"))).isTrue();
    assertThat(budget.spent()).isEqualByComparingTo("1000000.000000000001");
  }

  @Test
  void aBudgetNeedsALimit() {
    assertThatThrownBy(() -> CallBudget.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("limit is null");
  }
}
