package io.precis.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollama4j.OllamaAPI;
import io.github.ollama4j.exceptions.OllamaBaseException;
import io.github.ollama4j.models.chat.OllamaChatMessageRole;
import io.github.ollama4j.models.chat.OllamaChatRequestBuilder;
import io.github.ollama4j.models.chat.OllamaChatResponseModel;
import io.github.ollama4j.models.chat.OllamaChatResult;
import io.github.ollama4j.models.response.Model;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the simulator with the real Ollama4j client, the one precis uses. */
class Ollama4jClientTest {
  private static final String MESSAGE =
      "Summarize in two sentences.\n\nThe museum reopened on Monday. Visitors queued for hours. "
          + "The new wing houses the maritime collection.";

  private LlmSimulator simulator;
  private OllamaAPI api;

  @BeforeEach
  void start() {
    simulator = LlmSimulator.start(SimulatorOptions.defaults());
    api = new OllamaAPI(simulator.baseUrl());
    api.setRequestTimeoutSeconds(10);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Test
  void pingsAndListsModels() throws Exception {
    assertThat(api.ping()).isTrue();

    List<Model> models = api.listModels();

    assertThat(models)
        .extracting(Model::getName)
        .containsExactly("llama3.2:3b", "qwen2.5:7b", "gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5");
    assertThat(models.get(0).getModelMeta().getFamily()).isEqualTo("llama");
    assertThat(models.get(0).getModifiedAt()).isNotNull();
    assertThat(api.getVersion()).isEqualTo("0.6.8");
  }

  @Test
  void chatsAndReadsTheTokenCounts() throws Exception {
    OllamaChatResult result =
        api.chat(
            OllamaChatRequestBuilder.getInstance("llama3.2:3b")
                .withMessage(OllamaChatMessageRole.USER, MESSAGE)
                .build());

    OllamaChatResponseModel response = result.getResponseModel();
    String expected = SimulatedModel.summarize(MESSAGE, 128);
    assertThat(expected).startsWith("The museum reopened on Monday.");
    assertThat(response.getMessage().getContent()).isEqualTo(expected);
    assertThat(response.getPromptEvalCount()).isEqualTo(SimulatedModel.tokens(MESSAGE) + 4);
    assertThat(response.getEvalCount()).isEqualTo(SimulatedModel.tokens(expected));
    assertThat(response.getDoneReason()).isEqualTo("stop");
    assertThat(simulator.calls().successfulCompletions()).isEqualTo(1);
  }

  @Test
  void seesServerErrorsAsExceptions() {
    simulator.configure(SimulatorOptions.builder().serverErrorShare(1).build());

    assertThatThrownBy(
            () ->
                api.chat(
                    OllamaChatRequestBuilder.getInstance("llama3.2:3b")
                        .withMessage(OllamaChatMessageRole.USER, MESSAGE)
                        .build()))
        .isInstanceOf(OllamaBaseException.class);
  }
}
