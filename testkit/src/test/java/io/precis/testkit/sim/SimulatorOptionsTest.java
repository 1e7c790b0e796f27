package io.precis.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.testkit.sim.QualityRule.Behaviour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorOptionsTest {

  @Test
  void defaultsDescribeAWellBehavedServer() {
    SimulatorOptions options = SimulatorOptions.defaults();

    assertThat(options.port()).isZero();
    assertThat(options.latency()).isEqualTo(Duration.ZERO);
    assertThat(options.rateLimitedShare()).isZero();
    assertThat(options.serverErrorShare()).isZero();
    assertThat(options.timeoutShare()).isZero();
    assertThat(options.malformedShare()).isZero();
    assertThat(options.retryAfterSeconds()).isEqualTo(1);
    assertThat(options.timeoutHang()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.seed()).isEqualTo(42);
    assertThat(options.qualityRules()).isEmpty();
    assertThat(options.models()).isEmpty();
    assertThat(options.embeddingDimensions()).isEqualTo(384);
    assertThat(options.requiredApiKey()).isNull();
  }

  @Test
  void builderChangesOnlyTheKnobsSet() {
    QualityRule rule = QualityRule.badAtNumbers("small", 0.2, Behaviour.EMPTY);

    SimulatorOptions options =
        SimulatorOptions.builder().rateLimitedShare(0.2).seed(7).qualityRule(rule).build();

    assertThat(options.rateLimitedShare()).isEqualTo(0.2);
    assertThat(options.seed()).isEqualTo(7);
    assertThat(options.qualityRules()).containsExactly(rule);
    assertThat(options.toBuilder().rateLimitedShare(0).seed(42).qualityRules(List.of()).build())
        .isEqualTo(SimulatorOptions.defaults());
  }

  @Test
  void rejectsSharesOutsideZeroToOne() {
    assertThatThrownBy(() -> SimulatorOptions.builder().rateLimitedShare(1.5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rateLimitedShare is 1.5 but must be between 0 and 1");
    assertThatThrownBy(() -> SimulatorOptions.builder().malformedShare(-0.1).build())
        .hasMessage("malformedShare is -0.1 but must be between 0 and 1");
    assertThatThrownBy(() -> SimulatorOptions.builder().timeoutShare(Double.NaN).build())
        .hasMessage("timeoutShare is NaN but must be between 0 and 1");
  }

  @Test
  void rejectsOtherImpossibleKnobs() {
    assertThatThrownBy(() -> SimulatorOptions.builder().port(70000).build())
        .hasMessage("port is 70000 but must be between 0 and 65535");
    assertThatThrownBy(() -> SimulatorOptions.builder().embeddingDimensions(0).build())
        .hasMessage("embeddingDimensions is 0 but must be at least 1");
    assertThatThrownBy(() -> SimulatorOptions.builder().latency(Duration.ofMillis(-1)).build())
        .hasMessage("latency is PT-0.001S but must not be negative");
    assertThatThrownBy(() -> SimulatorOptions.builder().latency(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("latency is null");
    assertThatThrownBy(() -> SimulatorOptions.builder().requiredApiKey(" ").build())
        .hasMessageContaining("requiredApiKey is blank");
  }

  @Test
  void copiesItsLists() {
    List<String> models = new ArrayList<>(List.of("a:1b"));
    SimulatorOptions options = SimulatorOptions.builder().models(models).build();

    models.add("b:2b");

    assertThat(options.models()).containsExactly("a:1b");
  }

  @Test
  void servesAnyModelUnlessModelsAreListed() {
    assertThat(SimulatorOptions.defaults().servesModel("whatever")).isTrue();
    assertThat(SimulatorOptions.defaults().listedModels())
        .containsExactly("llama3.2:3b", "qwen2.5:7b", "gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5");

    SimulatorOptions listed = SimulatorOptions.builder().models("llama3.2:latest", "qwen").build();

    assertThat(listed.servesModel("llama3.2")).isTrue();
    assertThat(listed.servesModel("llama3.2:latest")).isTrue();
    assertThat(listed.servesModel("qwen")).isTrue();
    assertThat(listed.servesModel("mistral")).isFalse();
    assertThat(listed.listedModels()).containsExactly("llama3.2:latest", "qwen");
  }

  @Test
  void qualityRuleValidatesItsShare() {
    assertThatThrownBy(() -> QualityRule.badAtNumbers("x", 2, Behaviour.REFUSE))
        .hasMessage("digitShareAbove is 2.0 but must be between 0 and 1");
    assertThat(QualityRule.digitShare("ab 12")).isEqualTo(0.5);
    assertThat(QualityRule.digitShare(" ")).isZero();
  }
}
