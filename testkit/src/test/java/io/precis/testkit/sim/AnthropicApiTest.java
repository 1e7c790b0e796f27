package io.precis.testkit.sim;

import static io.precis.testkit.sim.SimulatorHttp.message;
import static io.precis.testkit.sim.SimulatorHttp.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's Anthropic Messages API under {@code /anthropic}, over raw HTTP. */
class AnthropicApiTest {
  private static final String MODEL = "claude-sonnet-4-5";
  private static final String SYSTEM = "You summarize passages. Answer with the summary only.";
  private static final String MESSAGE =
      "Summarize the text below.\n\n"
          + "The council met on Tuesday. It approved the new bridge. Work starts in spring.";
  private static final String EXPECTED =
      "The council met on Tuesday. It approved the new bridge. Work starts in spring.";
  private static final long INPUT_TOKENS =
      SimulatedModel.tokens(SYSTEM) + 4 + SimulatedModel.tokens(MESSAGE) + 4;

  private final List<LlmSimulator> simulators = new ArrayList<>();
  private LlmSimulator simulator;
  private SimulatorHttp http;

  @BeforeEach
  void start() {
    simulator = start(SimulatorOptions.defaults());
    http = client(simulator);
  }

  @AfterEach
  void stop() {
    simulators.forEach(LlmSimulator::close);
  }

  private LlmSimulator start(SimulatorOptions options) {
    LlmSimulator started = LlmSimulator.start(options);
    simulators.add(started);
    return started;
  }

  /** A client of the Anthropic API that sends the version header, as every Anthropic client. */
  private static SimulatorHttp client(LlmSimulator simulator) {
    return new SimulatorHttp(simulator.anthropicBaseUrl())
        .header("anthropic-version", "2023-06-01");
  }

  static ObjectNode request(String model, String system, String user) {
    ObjectNode request =
        object("model", model, "max_tokens", 256, "messages", List.of(message("user", user)));
    if (system != null) {
      request.put("system", system);
    }
    return request;
  }

  /** The events of a server-sent-events body: each {@code event:} name with its parsed data. */
  record Event(String name, JsonNode data) {}

  static List<Event> events(String body) {
    List<Event> events = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      String[] lines = block.split("\n");
      assertThat(lines).hasSize(2);
      assertThat(lines[0]).startsWith("event: ");
      assertThat(lines[1]).startsWith("data: ");
      JsonNode data = SimulatorHttp.json(lines[1].substring("data: ".length()));
      String name = lines[0].substring("event: ".length());
      assertThat(data.get("type").asText()).isEqualTo(name);
      events.add(new Event(name, data));
    }
    return events;
  }

  private static void assertError(
      SimulatorHttp.Answer answer, int status, String type, String message) {
    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    JsonNode body = answer.json();
    assertThat(body.get("type").asText()).isEqualTo("error");
    assertThat(body.at("/error/type").asText()).isEqualTo(type);
    assertThat(body.at("/error/message").asText()).isEqualTo(message);
  }

  @Test
  void theBaseUrlIsTheRootWithTheAnthropicPrefix() {
    assertThat(simulator.anthropicBaseUrl()).isEqualTo(simulator.baseUrl() + "/anthropic");
  }

  @Test
  void modelsAreListedInAnthropicsFormat() throws Exception {
    JsonNode body = http.get("/v1/models").json();

    assertThat(body.get("data").findValuesAsText("id"))
        .containsExactlyElementsOf(SimulatorOptions.DEFAULT_MODELS);
    JsonNode first = body.get("data").get(0);
    assertThat(first.get("type").asText()).isEqualTo("model");
    assertThat(first.get("display_name").asText()).isEqualTo("llama3.2:3b");
    assertThat(first.get("created_at").asText()).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(body.get("has_more").asBoolean()).isFalse();
    assertThat(body.get("first_id").asText()).isEqualTo("llama3.2:3b");
    assertThat(body.get("last_id").asText()).isEqualTo("claude-sonnet-4-5");
  }

  @Test
  void aListedModelIsRetrievedByIdAndOthersAreNotFound() throws Exception {
    JsonNode model = http.get("/v1/models/claude-sonnet-4-5").json();

    assertThat(model.get("type").asText()).isEqualTo("model");
    assertThat(model.get("id").asText()).isEqualTo("claude-sonnet-4-5");
    assertThat(model.get("created_at").asText()).isEqualTo("2025-01-01T00:00:00Z");
    // Answered for any name, but not listed: as for the other APIs' lists, not found.
    assertError(
        http.get("/v1/models/claude-opus-4-1"), 404, "not_found_error", "model: claude-opus-4-1");
    assertThat(http.post("/v1/messages", request("claude-opus-4-1", SYSTEM, MESSAGE)).status())
        .isEqualTo(200);
  }

  @Test
  void modelsArePagedByLimitAndAfterId() throws Exception {
    JsonNode page = http.get("/v1/models?limit=3").json();
    JsonNode rest = http.get("/v1/models?limit=3&after_id=" + page.get("last_id").asText()).json();

    assertThat(page.get("data").findValuesAsText("id"))
        .containsExactly("llama3.2:3b", "qwen2.5:7b", "gpt-4o");
    assertThat(page.get("has_more").asBoolean()).isTrue();
    assertThat(rest.get("data").findValuesAsText("id"))
        .containsExactly("gpt-4o-mini", "claude-sonnet-4-5");
    assertThat(rest.get("has_more").asBoolean()).isFalse();
    assertError(
        http.get("/v1/models?limit=0"),
        400,
        "invalid_request_error",
        "limit: Input should be between 1 and 1000");
  }

  @Test
  void aMessageCarriesTheAnswerAndUsage() throws Exception {
    SimulatorHttp.Answer answer = http.post("/v1/messages", request(MODEL, SYSTEM, MESSAGE));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    JsonNode body = answer.json();
    assertThat(body.get("id").asText()).startsWith("msg_").hasSize(28);
    assertThat(body.get("type").asText()).isEqualTo("message");
    assertThat(body.get("role").asText()).isEqualTo("assistant");
    assertThat(body.get("model").asText()).isEqualTo(MODEL);
    assertThat(body.get("content")).hasSize(1);
    assertThat(body.at("/content/0/type").asText()).isEqualTo("text");
    assertThat(body.at("/content/0/text").asText()).isEqualTo(EXPECTED);
    assertThat(body.get("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(body.get("stop_sequence").isNull()).isTrue();
    JsonNode usage = body.get("usage");
    assertThat(usage.get("input_tokens").asLong()).isEqualTo(INPUT_TOKENS);
    assertThat(usage.get("output_tokens").asLong()).isEqualTo(SimulatedModel.tokens(EXPECTED));
    assertThat(usage.get("cache_creation_input_tokens").asLong()).isZero();
    assertThat(usage.get("cache_read_input_tokens").asLong()).isZero();

    SimulatedCall call = simulator.calls().all().get(0);
    assertThat(call.api()).isEqualTo("anthropic");
    assertThat(call.path()).isEqualTo("/anthropic/v1/messages");
    assertThat(call.isCompletion()).isTrue();
    assertThat(call.model()).isEqualTo(MODEL);
    assertThat(call.status()).isEqualTo(200);
    assertThat(call.inputTokens()).isEqualTo(INPUT_TOKENS);
    assertThat(call.outputTokens()).isEqualTo(SimulatedModel.tokens(EXPECTED));
    assertThat(call.requestHash())
        .isEqualTo(FaultPlan.sha256Hex(SYSTEM + "\n" + MESSAGE + "\n" + MODEL));
    assertThat(simulator.calls().successfulCompletions()).isEqualTo(1);
  }

  @Test
  void systemAndContentMayBeArraysOfTextBlocks() throws Exception {
    ObjectNode blocks =
        object(
            "model",
            MODEL,
            "max_tokens",
            256,
            "system",
            List.of(Map.of("type", "text", "text", SYSTEM)),
            "messages",
            List.of(
                Map.of(
                    "role",
                    "user",
                    "content",
                    List.of(
                        Map.of("type", "text", "text", "Summarize the text below.\n\n"),
                        Map.of(
                            "type",
                            "text",
                            "text",
                            MESSAGE.substring(MESSAGE.indexOf("\n\n") + 2))))));

    JsonNode fromBlocks = http.post("/v1/messages", blocks).json();
    JsonNode fromStrings = http.post("/v1/messages", request(MODEL, SYSTEM, MESSAGE)).json();

    assertThat(fromBlocks.at("/content/0/text").asText()).isEqualTo(EXPECTED);
    assertThat(fromBlocks.get("usage")).isEqualTo(fromStrings.get("usage"));
    assertThat(fromBlocks.get("id")).isEqualTo(fromStrings.get("id"));
  }

  @Test
  void theSameRequestGetsTheSameAnswerAsOnTheOpenAiApi() throws Exception {
    ObjectNode openAi =
        object(
            "model",
            MODEL,
            "messages",
            List.of(message("system", SYSTEM), message("user", MESSAGE)),
            "max_tokens",
            8);
    ObjectNode anthropic = request(MODEL, SYSTEM, MESSAGE).put("max_tokens", 8);

    JsonNode chat =
        new SimulatorHttp(simulator.openAiBaseUrl()).post("/chat/completions", openAi).json();
    JsonNode message = http.post("/v1/messages", anthropic).json();

    assertThat(message.at("/content/0/text").asText())
        .isEqualTo(chat.at("/choices/0/message/content").asText())
        .isEqualTo("The council met on Tuesday.");
    assertThat(message.get("stop_reason").asText()).isEqualTo("max_tokens");
    assertThat(message.at("/usage/input_tokens").asLong())
        .isEqualTo(chat.at("/usage/prompt_tokens").asLong());
    List<SimulatedCall> calls = simulator.calls().all();
    assertThat(calls.get(1).requestHash()).isEqualTo(calls.get(0).requestHash());
  }

  @Test
  void aWordLimitInTheSystemPromptIsKept() throws Exception {
    JsonNode body =
        http.post("/v1/messages", request(MODEL, "Answer in at most 4 words.", MESSAGE)).json();

    assertThat(body.at("/content/0/text").asText()).isEqualTo("The council met on");
  }

  @Test
  void qualityRulesApplyAndAnEmptyAnswerHasNoContentBlock() throws Exception {
    String digits = "Summarize.\n\nQ3 2024: 1,204,331 units, 18.4% up on 1,017,224.";
    simulator.configure(
        SimulatorOptions.builder()
            .qualityRule(
                QualityRule.badAtNumbers("^claude-haiku", 0.2, QualityRule.Behaviour.EMPTY))
            .qualityRule(QualityRule.badAtNumbers("^claude", 0.2, QualityRule.Behaviour.REFUSE))
            .build());

    JsonNode refused = http.post("/v1/messages", request(MODEL, SYSTEM, digits)).json();
    JsonNode empty = http.post("/v1/messages", request("claude-haiku-4-5", SYSTEM, digits)).json();

    assertThat(refused.at("/content/0/text").asText()).isEqualTo(QualityRule.REFUSAL);
    assertThat(empty.get("content")).isEmpty();
    assertThat(empty.get("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(empty.at("/usage/output_tokens").asLong()).isZero();
  }

  @Test
  void aStreamSendsAnthropicsEventsInOrder() throws Exception {
    SimulatorHttp.Answer answer =
        http.post("/v1/messages", request(MODEL, SYSTEM, MESSAGE).put("stream", true));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).startsWith("text/event-stream");
    List<Event> events = events(answer.body());
    List<String> names = events.stream().map(Event::name).toList();
    assertThat(names.subList(0, 3)).containsExactly("message_start", "content_block_start", "ping");
    assertThat(names.subList(names.size() - 3, names.size()))
        .containsExactly("content_block_stop", "message_delta", "message_stop");
    assertThat(names.subList(3, names.size() - 3)).isNotEmpty().containsOnly("content_block_delta");

    JsonNode start = events.get(0).data().get("message");
    assertThat(start.get("id").asText()).startsWith("msg_");
    assertThat(start.get("content")).isEmpty();
    assertThat(start.get("stop_reason").isNull()).isTrue();
    assertThat(start.at("/usage/input_tokens").asLong()).isEqualTo(INPUT_TOKENS);
    assertThat(start.at("/usage/output_tokens").asLong()).isEqualTo(1);
    assertThat(events.get(1).data().at("/content_block/type").asText()).isEqualTo("text");
    StringBuilder text = new StringBuilder();
    for (Event delta : events.subList(3, events.size() - 3)) {
      assertThat(delta.data().get("index").asInt()).isZero();
      assertThat(delta.data().at("/delta/type").asText()).isEqualTo("text_delta");
      text.append(delta.data().at("/delta/text").asText());
    }
    assertThat(text.toString()).isEqualTo(EXPECTED);
    JsonNode end = events.get(events.size() - 2).data();
    assertThat(end.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
    assertThat(end.at("/delta/stop_sequence").isNull()).isTrue();
    assertThat(end.at("/usage/output_tokens").asLong()).isEqualTo(SimulatedModel.tokens(EXPECTED));
  }

  @Test
  void aStreamCutAtMaxTokensStopsWithMaxTokens() throws Exception {
    ObjectNode request = request(MODEL, SYSTEM, MESSAGE).put("stream", true).put("max_tokens", 8);

    List<Event> events = events(http.post("/v1/messages", request).body());

    assertThat(events.get(events.size() - 2).data().at("/delta/stop_reason").asText())
        .isEqualTo("max_tokens");
  }

  @Test
  void theVersionHeaderIsRequired() throws Exception {
    SimulatorHttp noVersion = new SimulatorHttp(simulator.anthropicBaseUrl());
    SimulatorHttp badVersion =
        new SimulatorHttp(simulator.anthropicBaseUrl()).header("anthropic-version", "2023-10-01");

    assertError(
        noVersion.post("/v1/messages", request(MODEL, SYSTEM, MESSAGE)),
        400,
        "invalid_request_error",
        "anthropic-version: header is required");
    assertError(
        badVersion.get("/v1/models"),
        400,
        "invalid_request_error",
        "anthropic-version: \"2023-10-01\" is not a valid version");
    assertThat(simulator.calls().all())
        .extracting(SimulatedCall::outcome)
        .containsOnly(SimulatedCall.Outcome.BAD_REQUEST);
  }

  @Test
  void aRequiredKeyIsReadFromXApiKeyOnly() throws Exception {
    simulator.configure(SimulatorOptions.builder().requiredApiKey("sk-ant-sim").build());
    SimulatorHttp bearer = client(simulator).apiKey("sk-ant-sim");

    assertError(
        http.post("/v1/messages", request(MODEL, SYSTEM, MESSAGE)),
        401,
        "authentication_error",
        "x-api-key header is required");
    assertError(
        bearer.get("/v1/models"), 401, "authentication_error", "x-api-key header is required");
    assertError(
        client(simulator).header("x-api-key", "sk-ant-wrong").get("/v1/models"),
        401,
        "authentication_error",
        "invalid x-api-key");
    SimulatorHttp keyed = client(simulator).header("x-api-key", "sk-ant-sim");
    assertThat(keyed.get("/v1/models").status()).isEqualTo(200);
    assertThat(keyed.post("/v1/messages", request(MODEL, SYSTEM, MESSAGE)).status()).isEqualTo(200);
    assertThat(simulator.calls().all())
        .extracting(SimulatedCall::outcome)
        .containsExactly(
            SimulatedCall.Outcome.UNAUTHORIZED,
            SimulatedCall.Outcome.UNAUTHORIZED,
            SimulatedCall.Outcome.UNAUTHORIZED,
            SimulatedCall.Outcome.OK,
            SimulatedCall.Outcome.OK);
  }

  @Test
  void badRequestsAreAnsweredWithAnthropicsWording() throws Exception {
    ObjectNode noMaxTokens = request(MODEL, SYSTEM, MESSAGE);
    noMaxTokens.remove("max_tokens");
    ObjectNode systemRole =
        object(
            "model",
            MODEL,
            "max_tokens",
            16,
            "messages",
            List.of(message("system", SYSTEM), message("user", MESSAGE)));

    assertError(
        http.post("/v1/messages", noMaxTokens),
        400,
        "invalid_request_error",
        "max_tokens: Field required");
    assertError(
        http.post("/v1/messages", request(MODEL, SYSTEM, MESSAGE).put("max_tokens", 0)),
        400,
        "invalid_request_error",
        "max_tokens: Input should be greater than or equal to 1");
    assertError(
        http.post("/v1/messages", request(MODEL, SYSTEM, MESSAGE).put("temperature", 1.5)),
        400,
        "invalid_request_error",
        "temperature: range: 0..1");
    assertThat(http.post("/v1/messages", systemRole).json().at("/error/message").asText())
        .startsWith("messages: Unexpected role \"system\".");
    assertError(
        http.post("/v1/messages", object("model", MODEL, "max_tokens", 16)),
        400,
        "invalid_request_error",
        "messages: Field required");
    assertError(
        http.post("/v1/messages", request("", SYSTEM, MESSAGE)),
        400,
        "invalid_request_error",
        "model: Field required");
    assertThat(http.post("/v1/messages", "{not json").status()).isEqualTo(400);
    assertThat(simulator.calls().count(SimulatedCall::isCompletion)).isEqualTo(7);
    assertThat(simulator.calls().successfulCompletions()).isZero();
  }

  @Test
  void anUnknownModelOrPathIsNotFound() throws Exception {
    simulator.configure(SimulatorOptions.builder().models("claude-haiku-4-5").build());

    assertError(
        http.post("/v1/messages", request(MODEL, SYSTEM, MESSAGE)),
        404,
        "not_found_error",
        "model: " + MODEL);
    assertError(http.get("/v1/complete"), 404, "not_found_error", "Not Found");
    assertThat(http.post("/v1/messages", request("claude-haiku-4-5", SYSTEM, MESSAGE)).status())
        .isEqualTo(200);
  }

  @Test
  void aRateLimitIsA429RateLimitErrorWithRetryAfter() throws Exception {
    simulator.configure(
        SimulatorOptions.builder().rateLimitedShare(1).retryAfterSeconds(7).build());

    SimulatorHttp.Answer answer = http.post("/v1/messages", request(MODEL, SYSTEM, MESSAGE));

    assertThat(answer.status()).isEqualTo(429);
    assertThat(answer.header("retry-after")).isEqualTo("7");
    assertThat(answer.json().at("/error/type").asText()).isEqualTo("rate_limit_error");
    assertThat(simulator.calls().all().get(0).outcome())
        .isEqualTo(SimulatedCall.Outcome.RATE_LIMITED);
  }

  @Test
  void serverErrorsAreApiErrorsOrOverloadedDeterministically() throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (LlmSimulator faulty :
        List.of(
            start(SimulatorOptions.builder().serverErrorShare(1).build()),
            start(SimulatorOptions.builder().serverErrorShare(1).build()))) {
      SimulatorHttp faultyHttp = client(faulty);
      for (int i = 0; i < 20; i++) {
        SimulatorHttp.Answer answer =
            faultyHttp.post("/v1/messages", request(MODEL, SYSTEM, "Summarize.\n\nText " + i));
        statuses.add(answer.status());
        if (answer.status() == 529) {
          assertError(answer, 529, "overloaded_error", "Overloaded");
        } else {
          assertError(answer, 500, "api_error", "Internal server error");
        }
        assertThat(answer.header("retry-after")).isNull();
      }
      assertThat(faulty.calls().all())
          .extracting(SimulatedCall::outcome)
          .containsOnly(SimulatedCall.Outcome.SERVER_ERROR);
      assertThat(faulty.calls().all())
          .extracting(SimulatedCall::status)
          .containsExactlyElementsOf(statuses.subList(statuses.size() - 20, statuses.size()));
    }
    // Both kinds occur, and two simulators with the same seed fail the same requests the same way.
    assertThat(statuses.subList(0, 20)).contains(500, 529);
    assertThat(statuses.subList(20, 40)).isEqualTo(statuses.subList(0, 20));
  }

  @Test
  void aMalformedAnswerIsATruncated200() throws Exception {
    simulator.configure(SimulatorOptions.builder().malformedShare(1).build());

    SimulatorHttp.Answer answer = http.post("/v1/messages", request(MODEL, SYSTEM, MESSAGE));

    assertThat(answer.status()).isEqualTo(200);
    assertThatThrownBy(answer::json).hasMessageStartingWith("not JSON");
    assertThat(simulator.calls().all().get(0).outcome()).isEqualTo(SimulatedCall.Outcome.MALFORMED);
  }

  @Test
  void aTimeoutClosesTheConnectionWithoutAnAnswer() {
    simulator.configure(
        SimulatorOptions.builder().timeoutShare(1).timeoutHang(Duration.ofMillis(200)).build());

    assertThatThrownBy(() -> http.post("/v1/messages", request(MODEL, SYSTEM, MESSAGE)))
        .isInstanceOf(IOException.class);
    assertThat(simulator.calls().all().get(0).status()).isZero();
  }

  @Test
  void promptCacheReadsAreReportedApartFromInputTokens() throws Exception {
    String system = "You are the Anthropic cache test. " + "Keep every figure. ".repeat(230);
    long systemTokens = SimulatedModel.tokens(system);
    assertThat(systemTokens).isGreaterThan(1024);
    String second = MESSAGE.replace("Tuesday", "Friday");
    long secondTotal = systemTokens + 4 + SimulatedModel.tokens(second) + 4;

    JsonNode first = http.post("/v1/messages", request(MODEL, system, MESSAGE)).json();
    JsonNode cached = http.post("/v1/messages", request(MODEL, system, second)).json();

    assertThat(first.at("/usage/cache_read_input_tokens").asLong()).isZero();
    assertThat(first.at("/usage/input_tokens").asLong())
        .isEqualTo(systemTokens + 4 + SimulatedModel.tokens(MESSAGE) + 4);
    assertThat(cached.at("/usage/cache_read_input_tokens").asLong()).isEqualTo(systemTokens);
    // Anthropic's input_tokens leaves out the tokens read from the cache.
    assertThat(cached.at("/usage/input_tokens").asLong()).isEqualTo(secondTotal - systemTokens);
    assertThat(cached.at("/usage/cache_creation_input_tokens").asLong()).isZero();
    // The call log counts every prompt token, cached ones included, as for the other APIs.
    SimulatedCall call = simulator.calls().all().get(1);
    assertThat(call.inputTokens()).isEqualTo(secondTotal);
    assertThat(call.cachedInputTokens()).isEqualTo(systemTokens);
  }
}
