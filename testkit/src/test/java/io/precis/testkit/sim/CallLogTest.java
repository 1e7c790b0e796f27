package io.precis.testkit.sim;

import static io.precis.testkit.sim.SimulatorHttp.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.precis.testkit.sim.SimulatedCall.Outcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallLogTest {
  private static final String TEXT = "Summarize.\n\nThe ship sailed at dawn. It reached port.";

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
  void recordsEachCallWithItsTokensHashAndAttempt() throws Exception {
    Instant before = Instant.now();
    JsonNode first =
        http.post("/v1/chat/completions", OpenAiApiTest.chat("gpt-4o-mini", TEXT)).json();
    http.post("/v1/chat/completions", OpenAiApiTest.chat("gpt-4o-mini", TEXT));
    http.post("/api/chat", OllamaApiTest.chat(false, TEXT));

    List<SimulatedCall> calls = simulator.calls().all();

    assertThat(calls).hasSize(3);
    SimulatedCall call = calls.get(0);
    assertThat(call.at()).isBetween(before, Instant.now());
    assertThat(call.api()).isEqualTo("openai");
    assertThat(call.path()).isEqualTo("/v1/chat/completions");
    assertThat(call.model()).isEqualTo("gpt-4o-mini");
    assertThat(call.status()).isEqualTo(200);
    assertThat(call.outcome()).isEqualTo(Outcome.OK);
    assertThat(call.inputTokens()).isEqualTo(first.at("/usage/prompt_tokens").asLong());
    assertThat(call.outputTokens()).isEqualTo(first.at("/usage/completion_tokens").asLong());
    assertThat(call.inputTokens()).isEqualTo(SimulatedModel.tokens(TEXT) + 4);
    assertThat(call.requestHash()).matches("[0-9a-f]{64}");
    assertThat(call.attempt()).isEqualTo(1);
    assertThat(calls.get(1).requestHash()).isEqualTo(call.requestHash());
    assertThat(calls.get(1).attempt()).isEqualTo(2);
    SimulatedCall ollama = calls.get(2);
    assertThat(ollama.api()).isEqualTo("ollama");
    assertThat(ollama.path()).isEqualTo("/api/chat");
    assertThat(ollama.requestHash()).isNotEqualTo(call.requestHash());
    assertThat(ollama.attempt()).isEqualTo(1);
  }

  @Test
  void theHashCoversThePromptAndTheModel() throws Exception {
    http.post("/api/chat", OllamaApiTest.chat(false, TEXT, "a:1b"));
    http.post("/api/chat", OllamaApiTest.chat(false, TEXT, "b:1b"));
    http.post("/api/chat", OllamaApiTest.chat(false, TEXT + " More.", "a:1b"));

    assertThat(simulator.calls().all().stream().map(SimulatedCall::requestHash).distinct())
        .hasSize(3);
  }

  @Test
  void countsSuccessfulCompletionsButNotEmbeddingsMetadataOrFailures() throws Exception {
    http.post("/api/chat", OllamaApiTest.chat(false, TEXT));
    http.post("/api/generate", object("model", "llama3.2:3b", "prompt", TEXT, "stream", false));
    http.post("/v1/chat/completions", OpenAiApiTest.chat("gpt-4o-mini", TEXT));
    http.post("/api/embed", object("model", "all-minilm", "input", TEXT));
    http.post("/v1/embeddings", object("model", "text-embedding-3-small", "input", TEXT));
    http.get("/api/tags");
    http.get("/v1/models");
    http.post("/api/chat", "{broken");
    simulator.configure(SimulatorOptions.builder().serverErrorShare(1).build());
    http.post("/api/chat", OllamaApiTest.chat(false, TEXT));

    CallLog log = simulator.calls();

    assertThat(log.all()).hasSize(9);
    assertThat(log.successfulCompletions()).isEqualTo(3);
    assertThat(log.count(call -> call.outcome() == Outcome.OK)).isEqualTo(7);
    assertThat(log.count(call -> call.outcome() == Outcome.BAD_REQUEST)).isEqualTo(1);
    assertThat(log.count(call -> call.outcome() == Outcome.SERVER_ERROR)).isEqualTo(1);
    assertThat(log.count(call -> call.path().equals("/v1/embeddings") && call.inputTokens() > 0))
        .isEqualTo(1);
    SimulatedCall metadata = log.all().get(5);
    assertThat(metadata.path()).isEqualTo("/api/tags");
    assertThat(metadata.requestHash()).isEmpty();
    assertThat(metadata.attempt()).isZero();
  }

  @Test
  void rejectedCallsAreRecordedWithTheirOutcome() throws Exception {
    simulator.configure(
        SimulatorOptions.builder().models("llama3.2:3b").requiredApiKey("sk-1").build());

    http.post("/api/chat", OllamaApiTest.chat(false, TEXT, "missing:1b"));
    http.post("/v1/chat/completions", OpenAiApiTest.chat("llama3.2:3b", TEXT));

    assertThat(simulator.calls().all())
        .extracting(SimulatedCall::outcome, SimulatedCall::status, SimulatedCall::model)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Outcome.NOT_FOUND, 404, "missing:1b"),
            org.assertj.core.groups.Tuple.tuple(Outcome.UNAUTHORIZED, 401, ""));
  }

  @Test
  void clearForgetsTheCallsButNotTheAttempts() throws Exception {
    http.post("/api/chat", OllamaApiTest.chat(false, TEXT));

    simulator.calls().clear();

    assertThat(simulator.calls().all()).isEmpty();
    http.post("/api/chat", OllamaApiTest.chat(false, TEXT));
    assertThat(simulator.calls().all())
        .singleElement()
        .extracting(SimulatedCall::attempt)
        .isEqualTo(2);
  }

  @Test
  void snapshotsDoNotChangeAfterwards() throws Exception {
    List<SimulatedCall> before = simulator.calls().all();

    http.get("/api/version");

    assertThat(before).isEmpty();
    assertThat(simulator.calls().all()).hasSize(1);
  }
}
