package io.precis.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.precis.testkit.sim.QualityRule.Behaviour;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QualityRuleTest {
  private static final String FINANCIALS =
      "Summarize the report.\n\n"
          + "Q3 revenue was $12,480,000, up 18.4% from $10,540,000. "
          + "Margin was 23.1% on 4,112 units.";
  private static final String PROSE =
      "Summarize the report.\n\nThe board met in the spring. It discussed the new office.";

  private LlmSimulator simulator;
  private SimulatorHttp http;

  @BeforeEach
  void start() {
    simulator = LlmSimulator.start(SimulatorOptions.defaults());
    http = new SimulatorHttp(simulator.baseUrl());
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private void rule(Behaviour behaviour) {
    simulator.configure(
        SimulatorOptions.builder()
            .qualityRule(QualityRule.badAtNumbers("^llama3\\.2:", 0.3, behaviour))
            .build());
  }

  private String ollama(String model, String message) throws Exception {
    JsonNode body = http.post("/api/chat", OllamaApiTest.chat(false, message, model)).json();
    return body.at("/message/content").asText();
  }

  private String openAi(String model, String message) throws Exception {
    JsonNode body = http.post("/v1/chat/completions", OpenAiApiTest.chat(model, message)).json();
    return body.at("/choices/0/message/content").asText();
  }

  @Test
  void theFixturesAreOnEitherSideOfTheThreshold() {
    assertThat(QualityRule.digitShare(SimulatedModel.textToSummarize(FINANCIALS)))
        .isGreaterThan(0.3);
    assertThat(QualityRule.digitShare(SimulatedModel.textToSummarize(PROSE))).isZero();
    assertThat(QualityRule.digitShare(FINANCIALS))
        .as("the instructions are not counted")
        .isGreaterThan(QualityRule.digitShare("Summarize the report. " + FINANCIALS));
  }

  @Test
  void refuseAppliesOnlyAboveTheDigitShareAndOnlyToMatchingModels() throws Exception {
    rule(Behaviour.REFUSE);

    assertThat(ollama("llama3.2:3b", FINANCIALS))
        .isEqualTo("I'm sorry, but I can't help with summarizing this content.");
    assertThat(openAi("llama3.2:1b", FINANCIALS)).isEqualTo(QualityRule.REFUSAL);
    assertThat(ollama("qwen2.5:7b", FINANCIALS))
        .isEqualTo(SimulatedModel.summarize(FINANCIALS, 128));
    assertThat(ollama("llama3.2:3b", PROSE)).isEqualTo(SimulatedModel.summarize(PROSE, 128));
  }

  @Test
  void theShareMustBeStrictlyAbove() throws Exception {
    simulator.configure(
        SimulatorOptions.builder()
            .qualityRule(QualityRule.badAtNumbers(".*", 0.5, Behaviour.REFUSE))
            .build());

    assertThat(ollama("any", "ab12")).isEqualTo("ab12");
    assertThat(ollama("any", "ab123")).isEqualTo(QualityRule.REFUSAL);
  }

  @Test
  void inventNumbersAddsAFigureThatIsNotInTheSource() throws Exception {
    rule(Behaviour.INVENT_NUMBERS);
    String source = SimulatedModel.textToSummarize(FINANCIALS);

    String answer = openAi("llama3.2:3b", FINANCIALS);

    String faithful = SimulatedModel.summarize(FINANCIALS, 128);
    assertThat(answer).startsWith(faithful).isNotEqualTo(faithful);
    String added = answer.substring(faithful.length());
    Matcher figures = Pattern.compile("\\d[\\d,.]*\\d").matcher(added);
    assertThat(figures.find()).isTrue();
    do {
      assertThat(source).doesNotContain(figures.group());
    } while (figures.find());
    assertThat(openAi("qwen2.5:7b", FINANCIALS)).isEqualTo(faithful);
  }

  @Test
  void emptyAnswersNothing() throws Exception {
    rule(Behaviour.EMPTY);

    JsonNode ollama =
        http.post("/api/chat", OllamaApiTest.chat(false, FINANCIALS, "llama3.2:3b")).json();

    assertThat(ollama.at("/message/content").asText()).isEmpty();
    assertThat(ollama.get("eval_count").asLong()).isZero();
    assertThat(ollama.get("done_reason").asText()).isEqualTo("stop");
    assertThat(openAi("llama3.2:3b", FINANCIALS)).isEmpty();
  }
}
