package io.precis.summarize.client;

/**
 * A chat model behind some provider's API. Implementations are thread-safe; one instance serves a
 * whole worker.
 */
public interface LlmClient {
  /**
   * Asks the model once; no retries happen here.
   *
   * @throws LlmCallException when no usable answer came back, with the reason classified
   */
  ChatAnswer chat(ChatRequest request) throws LlmCallException;

  /**
   * Checks, before a job starts, that the server answers and serves the model.
   *
   * @throws io.precis.core.errors.PrecisException saying what is wrong and how to fix it
   */
  void checkReady(String model);
}
