package io.precis.testkit.sim;

import static io.precis.testkit.sim.SimulatorHttp.message;
import static io.precis.testkit.sim.SimulatorHttp.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OllamaApiTest {
  private static final String MESSAGE =
      "Summarize the text below in one paragraph.\n\n"
          + "The river rose overnight. Farmers moved their cattle to higher ground. "
          + "By noon the water had reached the old mill.";
  private static final String EXPECTED =
      "The river rose overnight. Farmers moved their cattle to higher ground. "
          + "By noon the water had reached the old mill.";

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

  @Test
  void baseUrlIsTheLoopbackAddressAndPort() {
    assertThat(simulator.port()).isPositive();
    assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + simulator.port());
    assertThat(simulator.openAiBaseUrl()).isEqualTo(simulator.baseUrl() + "/v1");
  }

  @Test
  void rootSaysOllamaIsRunningAndVersionIsReported() throws Exception {
    assertThat(http.get("/").body()).isEqualTo("Ollama is running");
    assertThat(http.head("/").status()).isEqualTo(200);
    assertThat(http.head("/").body()).isEmpty();

    SimulatorHttp.Answer version = http.get("/api/version");

    assertThat(version.status()).isEqualTo(200);
    assertThat(version.header("Content-Type")).startsWith("application/json");
    assertThat(version.json().get("version").asText()).isEqualTo("0.6.8");
  }

  @Test
  void tagsListTheDefaultModelsWithDetails() throws Exception {
    JsonNode models = http.get("/api/tags").json().get("models");

    assertThat(models).hasSize(SimulatorOptions.DEFAULT_MODELS.size());
    assertThat(models.get(0).get("name").asText()).isEqualTo("llama3.2:3b");
    assertThat(models.get(1).get("name").asText()).isEqualTo("qwen2.5:7b");
    JsonNode llama = models.get(0);
    assertThat(llama.get("model").asText()).isEqualTo("llama3.2:3b");
    assertThat(OffsetDateTime.parse(llama.get("modified_at").asText())).isNotNull();
    assertThat(llama.get("size").asLong()).isPositive();
    assertThat(llama.get("digest").asText()).matches("[0-9a-f]{64}");
    JsonNode details = llama.get("details");
    assertThat(details.get("parent_model").asText()).isEmpty();
    assertThat(details.get("format").asText()).isEqualTo("gguf");
    assertThat(details.get("family").asText()).isEqualTo("llama");
    assertThat(details.get("families").get(0).asText()).isEqualTo("llama");
    assertThat(details.get("parameter_size").asText()).isEqualTo("3B");
    assertThat(details.get("quantization_level").asText()).isEqualTo("Q4_K_M");
  }

  @Test
  void tagsListTheConfiguredModels() throws Exception {
    simulator.configure(SimulatorOptions.builder().models("mistral:7b", "phi3:3.8b").build());

    JsonNode models = http.get("/api/tags").json().get("models");

    assertThat(models.findValuesAsText("name")).containsExactly("mistral:7b", "phi3:3.8b");
    assertThat(models.get(1).get("details").get("parameter_size").asText()).isEqualTo("3.8B");
  }

  @Test
  void showDescribesAModelByModelOrLegacyName() throws Exception {
    JsonNode show = http.post("/api/show", object("model", "qwen2.5:7b")).json();

    assertThat(show.get("modelfile").asText()).contains("FROM qwen2.5:7b");
    assertThat(show.get("parameters").asText()).isNotEmpty();
    assertThat(show.get("template").asText()).contains(".Prompt");
    assertThat(show.get("details").get("family").asText()).isEqualTo("qwen");
    assertThat(show.get("model_info").get("general.architecture").asText()).isEqualTo("qwen");
    assertThat(show.get("capabilities").get(0).asText()).isEqualTo("completion");
    assertThat(http.post("/api/show", object("name", "qwen2.5:7b")).json().get("details"))
        .isEqualTo(show.get("details"));
  }

  @Test
  void showAnswers404ForAnUnknownModelWhenModelsAreListed() throws Exception {
    simulator.configure(SimulatorOptions.builder().models("llama3.2:3b").build());

    SimulatorHttp.Answer show = http.post("/api/show", object("model", "nope"));

    assertThat(show.status()).isEqualTo(404);
    assertThat(show.json().get("error").asText()).isEqualTo("model 'nope' not found");
  }

  @Test
  void chatStreamsNdjsonWhenStreamIsAbsent() throws Exception {
    SimulatorHttp.Answer answer =
        http.post(
            "/api/chat",
            object("model", "llama3.2:3b", "messages", List.of(message("user", MESSAGE))));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).isEqualTo("application/x-ndjson");
    List<JsonNode> lines = answer.ndjson();
    assertThat(lines.size()).isGreaterThan(2);
    StringBuilder content = new StringBuilder();
    for (JsonNode line : lines.subList(0, lines.size() - 1)) {
      assertThat(line.get("done").asBoolean()).isFalse();
      assertThat(line.get("model").asText()).isEqualTo("llama3.2:3b");
      assertThat(line.get("message").get("role").asText()).isEqualTo("assistant");
      content.append(line.get("message").get("content").asText());
    }
    assertThat(content.toString()).isEqualTo(EXPECTED);
    JsonNode last = lines.get(lines.size() - 1);
    assertThat(last.get("done").asBoolean()).isTrue();
    assertThat(last.get("done_reason").asText()).isEqualTo("stop");
    assertThat(last.get("message").get("content").asText()).isEmpty();
    assertCounts(last, SimulatedModel.tokens(MESSAGE) + 4, SimulatedModel.tokens(EXPECTED));
  }

  @Test
  void chatAnswersOneJsonObjectWhenNotStreaming() throws Exception {
    SimulatorHttp.Answer answer = http.post("/api/chat", chat(false, MESSAGE));

    assertThat(answer.header("Content-Type")).startsWith("application/json");
    assertThat(answer.body()).doesNotContain("\n");
    JsonNode body = answer.json();
    assertThat(body.get("model").asText()).isEqualTo("llama3.2:3b");
    assertThat(OffsetDateTime.parse(body.get("created_at").asText())).isNotNull();
    assertThat(body.get("message").get("role").asText()).isEqualTo("assistant");
    assertThat(body.get("message").get("content").asText()).isEqualTo(EXPECTED);
    assertThat(body.get("done").asBoolean()).isTrue();
    assertThat(body.get("done_reason").asText()).isEqualTo("stop");
    assertCounts(body, SimulatedModel.tokens(MESSAGE) + 4, SimulatedModel.tokens(EXPECTED));
  }

  @Test
  void chatAnswersTheLastUserMessageAndCountsEveryMessage() throws Exception {
    String system = "You are a careful summarizer.";
    String earlier = "Summarize:\n\nAn earlier text.";
    ObjectNode request =
        object(
            "model",
            "llama3.2:3b",
            "stream",
            false,
            "messages",
            List.of(
                message("system", system),
                message("user", earlier),
                message("assistant", "An earlier text."),
                message("user", MESSAGE)));

    JsonNode body = http.post("/api/chat", request).json();

    assertThat(body.get("message").get("content").asText()).isEqualTo(EXPECTED);
    long expectedInput =
        SimulatedModel.tokens(system)
            + SimulatedModel.tokens(earlier)
            + SimulatedModel.tokens("An earlier text.")
            + SimulatedModel.tokens(MESSAGE)
            + 4 * 4;
    assertThat(body.get("prompt_eval_count").asLong()).isEqualTo(expectedInput);
  }

  @Test
  void chatIsDeterministic() throws Exception {
    JsonNode first = http.post("/api/chat", chat(false, MESSAGE)).json();
    JsonNode second = http.post("/api/chat", chat(false, MESSAGE)).json();

    ((ObjectNode) first).remove("created_at");
    ((ObjectNode) second).remove("created_at");
    assertThat(second).isEqualTo(first);
  }

  @Test
  void numPredictCutsTheAnswerWithDoneReasonLength() throws Exception {
    ObjectNode request = chat(false, MESSAGE);
    request.putObject("options").put("num_predict", 8);

    JsonNode body = http.post("/api/chat", request).json();

    assertThat(body.get("message").get("content").asText()).isEqualTo("The river rose overnight.");
    assertThat(body.get("done_reason").asText()).isEqualTo("length");
    assertThat(body.get("eval_count").asLong()).isLessThanOrEqualTo(8);
  }

  @Test
  void generateAnswersThePromptWholeOrStreamed() throws Exception {
    String system = "Be brief.";
    JsonNode whole =
        http.post(
                "/api/generate",
                object("model", "qwen2.5:7b", "prompt", MESSAGE, "system", system, "stream", false))
            .json();

    assertThat(whole.get("response").asText()).isEqualTo(EXPECTED);
    assertThat(whole.get("done").asBoolean()).isTrue();
    assertThat(whole.get("done_reason").asText()).isEqualTo("stop");
    assertCounts(
        whole,
        SimulatedModel.tokens(system) + SimulatedModel.tokens(MESSAGE) + 4,
        SimulatedModel.tokens(EXPECTED));

    SimulatorHttp.Answer streamed =
        http.post("/api/generate", object("model", "qwen2.5:7b", "prompt", MESSAGE));

    assertThat(streamed.header("Content-Type")).isEqualTo("application/x-ndjson");
    List<JsonNode> lines = streamed.ndjson();
    List<String> pieces = new ArrayList<>();
    lines.forEach(line -> pieces.add(line.get("response").asText()));
    assertThat(String.join("", pieces)).isEqualTo(EXPECTED);
    assertThat(lines.get(lines.size() - 1).get("done").asBoolean()).isTrue();
    assertThat(lines.get(lines.size() - 1).get("eval_count").asLong())
        .isEqualTo(SimulatedModel.tokens(EXPECTED));
  }

  @Test
  void embedAnswersOneUnitVectorPerInput() throws Exception {
    JsonNode single =
        http.post("/api/embed", object("model", "all-minilm", "input", "The cat sat.")).json();

    assertThat(single.get("model").asText()).isEqualTo("all-minilm");
    assertThat(single.get("embeddings")).hasSize(1);
    assertThat(vector(single.get("embeddings").get(0))).hasSize(384);
    assertThat(SimulatedModelTest.norm(vector(single.get("embeddings").get(0))))
        .isCloseTo(1.0, within(1e-4));
    assertThat(single.get("prompt_eval_count").asLong())
        .isEqualTo(SimulatedModel.tokens("The cat sat."));
    assertThat(single.get("total_duration").asLong()).isPositive();
    assertThat(single.get("load_duration").asLong()).isPositive();

    JsonNode batch =
        http.post(
                "/api/embed",
                object("model", "all-minilm", "input", List.of("The cat sat.", "Dogs bark.")))
            .json();

    assertThat(batch.get("embeddings")).hasSize(2);
    assertThat(batch.get("embeddings").get(0)).isEqualTo(single.get("embeddings").get(0));
    assertThat(vector(batch.get("embeddings").get(1)))
        .containsExactly(SimulatedModel.embed("Dogs bark.", 384));
  }

  @Test
  void legacyEmbeddingsAnswerOneVector() throws Exception {
    simulator.configure(SimulatorOptions.builder().embeddingDimensions(32).build());

    JsonNode body =
        http.post("/api/embeddings", object("model", "all-minilm", "prompt", "The cat sat."))
            .json();

    assertThat(vector(body.get("embedding")))
        .containsExactly(SimulatedModel.embed("The cat sat.", 32));
  }

  @Test
  void unknownModelsAreRejectedOnlyWhenModelsAreListed() throws Exception {
    assertThat(http.post("/api/chat", chat(false, MESSAGE, "made-up:1b")).status()).isEqualTo(200);

    simulator.configure(SimulatorOptions.builder().models("llama3.2:3b").build());
    SimulatorHttp.Answer answer = http.post("/api/chat", chat(false, MESSAGE, "made-up:1b"));

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().get("error").asText())
        .isEqualTo("model \"made-up:1b\" not found, try pulling it first");
  }

  @Test
  void badRequestsAreAnswered400() throws Exception {
    SimulatorHttp.Answer notJson = http.post("/api/chat", "{not json");
    SimulatorHttp.Answer noModel =
        http.post("/api/chat", object("messages", List.of(message("user", "Hi."))));
    SimulatorHttp.Answer noMessages = http.post("/api/chat", object("model", "llama3.2:3b"));

    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.json().get("error").asText()).startsWith("invalid JSON");
    assertThat(noModel.status()).isEqualTo(400);
    assertThat(noModel.json().get("error").asText()).isEqualTo("model is required");
    assertThat(noMessages.status()).isEqualTo(400);
    assertThat(noMessages.json().has("error")).isTrue();
  }

  @Test
  void unknownPathsAndMethodsAreAnswered404() throws Exception {
    assertThat(http.get("/api/nothing").status()).isEqualTo(404);
    assertThat(http.get("/api/chat").status()).isEqualTo(404);
  }

  static ObjectNode chat(boolean stream, String content) {
    return chat(stream, content, "llama3.2:3b");
  }

  static ObjectNode chat(boolean stream, String content, String model) {
    return object("model", model, "stream", stream, "messages", List.of(message("user", content)));
  }

  static float[] vector(JsonNode array) {
    float[] vector = new float[array.size()];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = (float) array.get(i).asDouble();
    }
    return vector;
  }

  private static void assertCounts(JsonNode body, long inputTokens, long outputTokens) {
    assertThat(body.get("prompt_eval_count").asLong()).isEqualTo(inputTokens);
    assertThat(body.get("eval_count").asLong()).isEqualTo(outputTokens);
    for (String duration :
        List.of("total_duration", "load_duration", "prompt_eval_duration", "eval_duration")) {
      assertThat(body.get(duration).asLong()).as(duration).isPositive();
    }
    assertThat(body.get("total_duration").asLong())
        .isGreaterThanOrEqualTo(
            body.get("load_duration").asLong()
                + body.get("prompt_eval_duration").asLong()
                + body.get("eval_duration").asLong());
  }
}
