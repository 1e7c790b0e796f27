package io.precis.testkit.sim;

import static io.precis.testkit.sim.SimulatorHttp.message;
import static io.precis.testkit.sim.SimulatorHttp.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiApiTest {
  private static final String MESSAGE =
      "Summarize the text below.\n\n"
          + "The council met on Tuesday. It approved the new bridge. Work starts in spring.";
  private static final String EXPECTED =
      "The council met on Tuesday. It approved the new bridge. Work starts in spring.";

  private LlmSimulator simulator;
  private SimulatorHttp http;

  @BeforeEach
  void start() {
    simulator = LlmSimulator.start(SimulatorOptions.defaults());
    http = new SimulatorHttp(simulator.openAiBaseUrl());
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Test
  void modelsAreListed() throws Exception {
    JsonNode body = http.get("/models").json();

    assertThat(body.get("object").asText()).isEqualTo("list");
    assertThat(body.get("data").findValuesAsText("id"))
        .containsExactly("llama3.2:3b", "qwen2.5:7b", "gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5");
    JsonNode first = body.get("data").get(0);
    assertThat(first.get("object").asText()).isEqualTo("model");
    assertThat(first.get("created").isIntegralNumber()).isTrue();
    assertThat(first.get("owned_by").asText()).isEqualTo("precis-simulator");
  }

  @Test
  void chatCompletionCarriesTheAnswerAndUsage() throws Exception {
    long before = Instant.now().getEpochSecond();

    SimulatorHttp.Answer answer = http.post("/chat/completions", chat("gpt-4o-mini", MESSAGE));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    JsonNode body = answer.json();
    assertThat(body.get("id").asText()).startsWith("chatcmpl-").hasSizeGreaterThan(20);
    assertThat(body.get("object").asText()).isEqualTo("chat.completion");
    assertThat(body.get("created").asLong()).isBetween(before, Instant.now().getEpochSecond());
    assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(body.get("system_fingerprint").asText()).isNotEmpty();
    JsonNode choice = body.get("choices").get(0);
    assertThat(body.get("choices")).hasSize(1);
    assertThat(choice.get("index").asInt()).isZero();
    assertThat(choice.get("message").get("role").asText()).isEqualTo("assistant");
    assertThat(choice.get("message").get("content").asText()).isEqualTo(EXPECTED);
    assertThat(choice.get("message").get("refusal").isNull()).isTrue();
    assertThat(choice.get("logprobs").isNull()).isTrue();
    assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
    assertUsage(
        body.get("usage"), SimulatedModel.tokens(MESSAGE) + 4, SimulatedModel.tokens(EXPECTED), 0);
  }

  @Test
  void chatCompletionIsDeterministic() throws Exception {
    ObjectNode request = chat("gpt-4o-mini", MESSAGE);
    JsonNode first = http.post("/chat/completions", request).json();
    JsonNode second = http.post("/chat/completions", request).json();

    assertThat(second.get("choices")).isEqualTo(first.get("choices"));
    assertThat(second.get("usage")).isEqualTo(first.get("usage"));
    assertThat(second.get("id")).isEqualTo(first.get("id"));
  }

  @Test
  void contentMayBeAnArrayOfTextParts() throws Exception {
    ObjectNode request =
        object(
            "model",
            "gpt-4o-mini",
            "messages",
            List.of(
                Map.of(
                    "role",
                    "user",
                    "content",
                    List.of(
                        Map.of("type", "text", "text", "Summarize.\n\n"),
                        Map.of("type", "text", "text", "Parts work too.")))));

    JsonNode body = http.post("/chat/completions", request).json();

    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Parts work too.");
  }

  @Test
  void maxTokensCutsTheAnswerWithFinishReasonLength() throws Exception {
    ObjectNode request = chat("gpt-4o-mini", MESSAGE).put("max_tokens", 10);

    JsonNode body = http.post("/chat/completions", request).json();

    assertThat(body.at("/choices/0/message/content").asText())
        .isEqualTo("The council met on Tuesday.");
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(body.at("/usage/completion_tokens").asLong()).isLessThanOrEqualTo(10);
  }

  @Test
  void maxCompletionTokensWinsOverMaxTokens() throws Exception {
    ObjectNode request =
        chat("gpt-4o-mini", MESSAGE).put("max_tokens", 10).put("max_completion_tokens", 200);

    JsonNode body = http.post("/chat/completions", request).json();

    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo(EXPECTED);
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void streamSendsChunksThenDoneWithoutUsageUnlessAsked() throws Exception {
    SimulatorHttp.Answer answer =
        http.post("/chat/completions", chat("gpt-4o-mini", MESSAGE).put("stream", true));

    assertThat(answer.header("Content-Type")).startsWith("text/event-stream");
    List<String> events = answer.events();
    assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    List<JsonNode> chunks =
        events.subList(0, events.size() - 1).stream().map(SimulatorHttp::json).toList();
    JsonNode first = chunks.get(0);
    assertThat(first.get("object").asText()).isEqualTo("chat.completion.chunk");
    assertThat(first.at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    assertThat(first.at("/choices/0/delta/content").asText()).isEmpty();
    StringBuilder content = new StringBuilder();
    for (JsonNode chunk : chunks.subList(1, chunks.size() - 1)) {
      assertThat(chunk.at("/choices/0/finish_reason").isNull()).isTrue();
      content.append(chunk.at("/choices/0/delta/content").asText());
    }
    assertThat(content.toString()).isEqualTo(EXPECTED);
    JsonNode finish = chunks.get(chunks.size() - 1);
    assertThat(finish.at("/choices/0/delta").isEmpty()).isTrue();
    assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.has("usage")).isFalse());
    assertThat(chunks.stream().map(chunk -> chunk.get("id").asText()).distinct()).hasSize(1);
  }

  @Test
  void streamEndsWithAUsageChunkWhenIncludeUsageIsSet() throws Exception {
    ObjectNode request = chat("gpt-4o-mini", MESSAGE).put("stream", true).put("max_tokens", 10);
    request.putObject("stream_options").put("include_usage", true);

    List<String> events = http.post("/chat/completions", request).events();

    assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    JsonNode usageChunk = SimulatorHttp.json(events.get(events.size() - 2));
    assertThat(usageChunk.get("choices")).isEmpty();
    assertUsage(
        usageChunk.get("usage"),
        SimulatedModel.tokens(MESSAGE) + 4,
        SimulatedModel.tokens("The council met on Tuesday."),
        0);
    JsonNode finish = SimulatorHttp.json(events.get(events.size() - 3));
    assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(finish.get("usage").isNull()).isTrue();
  }

  @Test
  void embeddingsAreUnitVectorsInInputOrder() throws Exception {
    List<String> inputs =
        List.of("The cat sat on the mat.", "The cat sat on a rug.", "Bond yields fell.");

    JsonNode body =
        http.post("/embeddings", object("model", "text-embedding-3-small", "input", inputs)).json();

    assertThat(body.get("object").asText()).isEqualTo("list");
    assertThat(body.get("model").asText()).isEqualTo("text-embedding-3-small");
    JsonNode data = body.get("data");
    assertThat(data).hasSize(3);
    float[][] vectors = new float[3][];
    for (int i = 0; i < 3; i++) {
      assertThat(data.get(i).get("object").asText()).isEqualTo("embedding");
      assertThat(data.get(i).get("index").asInt()).isEqualTo(i);
      vectors[i] = OllamaApiTest.vector(data.get(i).get("embedding"));
      assertThat(vectors[i]).hasSize(384);
      assertThat(SimulatedModelTest.norm(vectors[i])).isCloseTo(1.0, within(1e-4));
    }
    assertThat(SimulatedModelTest.cosine(vectors[0], vectors[1]))
        .isGreaterThan(SimulatedModelTest.cosine(vectors[0], vectors[2]));
    long tokens = inputs.stream().mapToLong(SimulatedModel::tokens).sum();
    assertThat(body.at("/usage/prompt_tokens").asLong()).isEqualTo(tokens);
    assertThat(body.at("/usage/total_tokens").asLong()).isEqualTo(tokens);
  }

  @Test
  void embeddingsHonourDimensionsAndBase64() throws Exception {
    ObjectNode request =
        object("model", "text-embedding-3-small", "input", "Same text.", "dimensions", 8);
    float[] floats =
        OllamaApiTest.vector(http.post("/embeddings", request).json().at("/data/0/embedding"));

    String base64 =
        http.post("/embeddings", request.put("encoding_format", "base64"))
            .json()
            .at("/data/0/embedding")
            .asText();

    ByteBuffer bytes =
        ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
    float[] decoded = new float[bytes.remaining() / 4];
    for (int i = 0; i < decoded.length; i++) {
      decoded[i] = bytes.getFloat();
    }
    assertThat(floats).hasSize(8);
    assertThat(decoded).containsExactly(floats);
    assertThat(floats).containsExactly(SimulatedModel.embed("Same text.", 8));
  }

  @Test
  void aRequiredKeyIsChecked() throws Exception {
    simulator.configure(SimulatorOptions.builder().requiredApiKey("sk-test").build());

    SimulatorHttp.Answer without = http.post("/chat/completions", chat("gpt-4o-mini", MESSAGE));
    SimulatorHttp.Answer wrong =
        new SimulatorHttp(simulator.openAiBaseUrl()).apiKey("sk-other").get("/models");
    SimulatorHttp.Answer right =
        new SimulatorHttp(simulator.openAiBaseUrl())
            .apiKey("sk-test")
            .post("/chat/completions", chat("gpt-4o-mini", MESSAGE));

    assertThat(without.status()).isEqualTo(401);
    assertThat(without.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(without.json().at("/error/code").asText()).isEqualTo("invalid_api_key");
    assertThat(without.json().at("/error/param").isNull()).isTrue();
    assertThat(without.json().at("/error/message").asText()).isNotEmpty();
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(right.status()).isEqualTo(200);
    assertThat(right.json().at("/choices/0/message/content").asText()).isEqualTo(EXPECTED);
  }

  @Test
  void unknownModelsAreRejectedWhenModelsAreListed() throws Exception {
    simulator.configure(SimulatorOptions.builder().models("gpt-4o-mini").build());

    SimulatorHttp.Answer answer = http.post("/chat/completions", chat("gpt-5", MESSAGE));

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().at("/error/code").asText()).isEqualTo("model_not_found");
    assertThat(answer.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(answer.json().at("/error/message").asText()).contains("gpt-5");
  }

  @Test
  void badRequestsAreAnswered400() throws Exception {
    SimulatorHttp.Answer notJson = http.post("/chat/completions", "{\"model\":");
    SimulatorHttp.Answer noMessages =
        http.post("/chat/completions", object("model", "gpt-4o-mini"));
    SimulatorHttp.Answer zeroTokens =
        http.post("/chat/completions", chat("gpt-4o-mini", MESSAGE).put("max_tokens", 0));

    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(noMessages.status()).isEqualTo(400);
    assertThat(noMessages.json().at("/error/message").asText()).contains("messages");
    assertThat(zeroTokens.status()).isEqualTo(400);
    assertThat(zeroTokens.json().at("/error/message").asText()).contains("max_tokens");
  }

  @Test
  void aRepeatedLongSystemMessageIsReportedAsCached() throws Exception {
    String system = "You summarize legal documents. " + "Follow the house style. ".repeat(200);
    String document = "Summarize.\n\n" + "The tenant pays rent monthly. ".repeat(60);

    JsonNode first = http.post("/chat/completions", chat("gpt-4o-mini", system, document)).json();
    JsonNode second =
        http.post("/chat/completions", chat("gpt-4o-mini", system, document + " Also.")).json();
    JsonNode shortPrompt =
        http.post("/chat/completions", chat("gpt-4o-mini", system.substring(0, 2000), "Hi."))
            .json();
    JsonNode shortAgain =
        http.post("/chat/completions", chat("gpt-4o-mini", system.substring(0, 2000), "Hi!"))
            .json();

    assertThat(first.at("/usage/prompt_tokens").asLong()).isGreaterThanOrEqualTo(1024);
    assertThat(first.at("/usage/prompt_tokens_details/cached_tokens").asLong()).isZero();
    assertThat(second.at("/usage/prompt_tokens_details/cached_tokens").asLong())
        .isEqualTo(SimulatedModel.tokens(system));
    assertThat(shortAgain.at("/usage/prompt_tokens").asLong()).isLessThan(1024);
    assertThat(shortPrompt.at("/usage/prompt_tokens_details/cached_tokens").asLong()).isZero();
    assertThat(shortAgain.at("/usage/prompt_tokens_details/cached_tokens").asLong()).isZero();
    assertThat(simulator.calls().all())
        .extracting(SimulatedCall::cachedInputTokens)
        .containsExactly(0L, SimulatedModel.tokens(system), 0L, 0L);
  }

  @Test
  void unknownPathsAreAnswered404() throws Exception {
    SimulatorHttp.Answer answer = http.get("/assistants");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().at("/error/message").asText()).contains("/v1/assistants");
  }

  static ObjectNode chat(String model, String content) {
    return object("model", model, "messages", List.of(message("user", content)));
  }

  static ObjectNode chat(String model, String system, String content) {
    return object(
        "model", model, "messages", List.of(message("system", system), message("user", content)));
  }

  private static void assertUsage(JsonNode usage, long prompt, long completion, long cached) {
    assertThat(usage.get("prompt_tokens").asLong()).isEqualTo(prompt);
    assertThat(usage.get("completion_tokens").asLong()).isEqualTo(completion);
    assertThat(usage.get("total_tokens").asLong()).isEqualTo(prompt + completion);
    assertThat(usage.at("/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(cached);
    assertThat(usage.at("/completion_tokens_details/reasoning_tokens").isIntegralNumber()).isTrue();
    assertThat(usage.at("/completion_tokens_details/reasoning_tokens").asLong()).isZero();
  }
}
