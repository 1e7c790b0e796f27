package io.precis.summarize;

import io.precis.core.cost.TokenUsage;
import io.precis.core.model.ErrorCode;
import io.precis.summarize.client.ChatAnswer;
import io.precis.summarize.client.ChatRequest;
import io.precis.summarize.client.LlmCallException;
import io.precis.summarize.client.LlmClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A hand-written {@link LlmClient} that answers as told and remembers every request. */
final class FakeLlmClient implements LlmClient {
  /** How the fake answers one request. */
  @FunctionalInterface
  interface Behaviour {
    ChatAnswer answer(ChatRequest request) throws LlmCallException;
  }

  private final Behaviour behaviour;
  private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

  FakeLlmClient(Behaviour behaviour) {
    this.behaviour = behaviour;
  }

  /** Always the same answer, with finish reason "stop". */
  static FakeLlmClient answering(String text, TokenUsage usage) {
    return new FakeLlmClient(request -> new ChatAnswer(text, usage, "stop"));
  }

  /** Always fails with that code and message. */
  static FakeLlmClient failing(ErrorCode code, String message) {
    return new FakeLlmClient(
        request -> {
          throw new LlmCallException(code, message);
        });
  }

  /** The requests asked so far, in order. */
  List<ChatRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public ChatAnswer chat(ChatRequest request) throws LlmCallException {
    requests.add(request);
    return behaviour.answer(request);
  }

  @Override
  public void checkReady(String model) {
    throw new UnsupportedOperationException("the summarizers never check readiness");
  }
}
