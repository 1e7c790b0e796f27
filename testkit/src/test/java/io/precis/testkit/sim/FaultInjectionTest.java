package io.precis.testkit.sim;

import static io.precis.testkit.sim.SimulatorHttp.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.precis.testkit.sim.SimulatedCall.Outcome;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
  private static final String TEXT = "Summarize.\n\nThe vote passed. The bill becomes law in May.";

  private final List<LlmSimulator> simulators = new ArrayList<>();

  @AfterEach
  void stop() {
    simulators.forEach(LlmSimulator::close);
  }

  private LlmSimulator start(SimulatorOptions options) {
    LlmSimulator simulator = LlmSimulator.start(options);
    simulators.add(simulator);
    return simulator;
  }

  @Test
  void rateLimitedAnswers429WithRetryAfterInBothDialects() throws Exception {
    LlmSimulator simulator =
        start(SimulatorOptions.builder().rateLimitedShare(1).retryAfterSeconds(7).build());
    SimulatorHttp http = new SimulatorHttp(simulator.baseUrl());

    SimulatorHttp.Answer ollama = http.post("/api/chat", OllamaApiTest.chat(false, TEXT));
    SimulatorHttp.Answer openAi =
        http.post("/v1/chat/completions", OpenAiApiTest.chat("gpt-4o-mini", TEXT));

    assertThat(ollama.status()).isEqualTo(429);
    assertThat(ollama.header("Retry-After")).isEqualTo("7");
    assertThat(ollama.json().get("error").asText()).isEqualTo("rate limited");
    assertThat(openAi.status()).isEqualTo(429);
    assertThat(openAi.header("Retry-After")).isEqualTo("7");
    assertThat(openAi.json().at("/error/type").asText()).isEqualTo("requests");
    assertThat(openAi.json().at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(simulator.calls().all())
        .extracting(SimulatedCall::outcome, SimulatedCall::status, SimulatedCall::inputTokens)
        .containsOnly(org.assertj.core.groups.Tuple.tuple(Outcome.RATE_LIMITED, 429, 0L));
  }

  @Test
  void serverErrorAnswers500InBothDialects() throws Exception {
    LlmSimulator simulator = start(SimulatorOptions.builder().serverErrorShare(1).build());
    SimulatorHttp http = new SimulatorHttp(simulator.baseUrl());

    SimulatorHttp.Answer ollama =
        http.post("/api/embed", object("model", "all-minilm", "input", "text"));
    SimulatorHttp.Answer openAi =
        http.post("/v1/chat/completions", OpenAiApiTest.chat("gpt-4o-mini", TEXT));

    assertThat(ollama.status()).isEqualTo(500);
    assertThat(ollama.json().get("error").asText()).isNotEmpty();
    assertThat(ollama.header("Retry-After")).isNull();
    assertThat(openAi.status()).isEqualTo(500);
    assertThat(openAi.json().at("/error/type").asText()).isEqualTo("server_error");
  }

  @Test
  void malformedAnswers200WithTheFirstHalfOfTheRealBody() throws Exception {
    LlmSimulator simulator = start(SimulatorOptions.builder().malformedShare(1).build());
    SimulatorHttp http = new SimulatorHttp(simulator.baseUrl());
    ObjectNode request = OpenAiApiTest.chat("gpt-4o-mini", TEXT);

    SimulatorHttp.Answer malformed = http.post("/v1/chat/completions", request);
    simulator.configure(SimulatorOptions.defaults());
    SimulatorHttp.Answer real = http.post("/v1/chat/completions", request);

    assertThat(malformed.status()).isEqualTo(200);
    assertThat(malformed.body()).isNotEmpty();
    assertThatThrownBy(() -> SimulatorHttp.MAPPER.readTree(malformed.body()))
        .isInstanceOf(JsonProcessingException.class);
    assertThat(real.status()).isEqualTo(200);
    assertThat(malformed.body().length()).isEqualTo(real.body().length() / 2);
    assertThat(real.body()).startsWith(malformed.body().substring(0, 40));
    assertThat(simulator.calls().all().get(0).outcome()).isEqualTo(Outcome.MALFORMED);
  }

  @Test
  void malformedOllamaChatFailsToParse() throws Exception {
    LlmSimulator simulator = start(SimulatorOptions.builder().malformedShare(1).build());

    SimulatorHttp.Answer malformed =
        new SimulatorHttp(simulator.baseUrl()).post("/api/chat", OllamaApiTest.chat(false, TEXT));

    assertThat(malformed.status()).isEqualTo(200);
    assertThatThrownBy(() -> SimulatorHttp.json(malformed.body()))
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void timeoutHangsUntilTheClientGivesUpAndCloseReturnsPromptly() throws Exception {
    LlmSimulator simulator =
        start(
            SimulatorOptions.builder().timeoutShare(1).timeoutHang(Duration.ofSeconds(5)).build());
    SimulatorHttp http = new SimulatorHttp(simulator.baseUrl()).timeout(Duration.ofMillis(300));

    long started = System.nanoTime();
    assertThatThrownBy(() -> http.post("/api/chat", OllamaApiTest.chat(false, TEXT)))
        .isInstanceOf(HttpTimeoutException.class);
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertThat(waitedMillis).isBetween(250L, 3000L);
    assertThat(simulator.calls().all())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.outcome()).isEqualTo(Outcome.TIMEOUT);
              assertThat(call.status()).isZero();
            });
    long closing = System.nanoTime();
    simulator.close();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing)).isLessThan(1500);
  }

  @Test
  void aHangingRequestDoesNotBlockOthers() throws Exception {
    LlmSimulator simulator =
        start(
            SimulatorOptions.builder().timeoutShare(1).timeoutHang(Duration.ofSeconds(5)).build());
    SimulatorHttp http = new SimulatorHttp(simulator.baseUrl());
    CompletableFuture<SimulatorHttp.Answer> hanging =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return http.post("/api/chat", OllamaApiTest.chat(false, TEXT));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    while (simulator.calls().all().isEmpty()) {
      Thread.sleep(10);
    }
    simulator.configure(SimulatorOptions.defaults());

    long started = System.nanoTime();
    SimulatorHttp.Answer answer = http.post("/api/chat", OllamaApiTest.chat(false, TEXT));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1000);
    assertThat(hanging).isNotDone();
    simulator.close();
    assertThatThrownBy(() -> hanging.get(2, TimeUnit.SECONDS))
        .hasRootCauseInstanceOf(java.io.IOException.class);
  }

  @Test
  void metadataNeverFaults() throws Exception {
    LlmSimulator simulator =
        start(SimulatorOptions.builder().rateLimitedShare(1).serverErrorShare(1).build());
    SimulatorHttp http = new SimulatorHttp(simulator.baseUrl());

    assertThat(http.get("/api/version").status()).isEqualTo(200);
    assertThat(http.get("/api/tags").status()).isEqualTo(200);
    assertThat(http.post("/api/show", object("model", "llama3.2:3b")).status()).isEqualTo(200);
    assertThat(http.get("/v1/models").status()).isEqualTo(200);
  }

  @Test
  void latencyDelaysEveryAnswer() throws Exception {
    LlmSimulator simulator =
        start(SimulatorOptions.builder().latency(Duration.ofMillis(200)).build());
    SimulatorHttp http = new SimulatorHttp(simulator.baseUrl());

    long started = System.nanoTime();
    http.get("/api/version");
    http.post("/api/chat", OllamaApiTest.chat(false, TEXT));

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(400);
  }

  @Test
  void configureSwapsTheKnobsAtRuntime() throws Exception {
    LlmSimulator simulator = start(SimulatorOptions.builder().serverErrorShare(1).build());
    SimulatorHttp http = new SimulatorHttp(simulator.baseUrl());

    assertThat(http.post("/api/chat", OllamaApiTest.chat(false, TEXT)).status()).isEqualTo(500);
    simulator.configure(SimulatorOptions.builder().port(1).build());
    assertThat(http.post("/api/chat", OllamaApiTest.chat(false, TEXT)).status()).isEqualTo(200);
    assertThat(simulator.port()).isNotEqualTo(1);
  }

  @Test
  void retriedRequestsEventuallySucceedAndTheSameSequenceMeetsTheSameFaults() throws Exception {
    SimulatorOptions options = SimulatorOptions.builder().rateLimitedShare(0.5).build();

    List<List<Integer>> first = retrySequence(start(options));
    List<List<Integer>> again = retrySequence(start(options));
    List<List<Integer>> otherSeed = retrySequence(start(options.toBuilder().seed(7).build()));

    assertThat(first).allSatisfy(statuses -> assertThat(statuses).endsWith(200));
    assertThat(first.stream().mapToInt(List::size).sum()).isGreaterThan(first.size());
    assertThat(again).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  /** Sends six prompts, each retried until it succeeds; returns the statuses each saw. */
  private static List<List<Integer>> retrySequence(LlmSimulator simulator) throws Exception {
    SimulatorHttp http = new SimulatorHttp(simulator.baseUrl());
    List<List<Integer>> sequences = new ArrayList<>();
    for (int prompt = 0; prompt < 6; prompt++) {
      List<Integer> statuses = new ArrayList<>();
      int status = 0;
      while (status != 200 && statuses.size() < 30) {
        status =
            http.post(
                    "/v1/chat/completions",
                    OpenAiApiTest.chat("gpt-4o-mini", "Text number " + prompt + "."))
                .status();
        statuses.add(status);
      }
      sequences.add(statuses);
    }
    List<Integer> attempts = simulator.calls().all().stream().map(SimulatedCall::attempt).toList();
    assertThat(attempts).startsWith(1);
    assertThat(attempts).hasSize(sequences.stream().mapToInt(List::size).sum());
    return sequences;
  }
}
