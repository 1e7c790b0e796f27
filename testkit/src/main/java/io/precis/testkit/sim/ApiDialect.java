package io.precis.testkit.sim;

/** How one of the simulated APIs spells its errors. */
interface ApiDialect {

  /**
   * {@code "ollama"}, {@code "openai"} or {@code "anthropic"}, as recorded in {@link
   * SimulatedCall#api()}.
   */
  String name();

  /** The error answer of this API for a status, the kind of failure and a message. */
  Reply error(int status, SimulatedCall.Outcome outcome, String message);

  /**
   * The answer to a request that met a server-error fault: HTTP 500, unless the API has another way
   * to fail (the same request and attempt must always get the same answer).
   */
  default Reply serverError(SimulatorOptions options, String requestHash, int attempt) {
    return error(500, SimulatedCall.Outcome.SERVER_ERROR, "simulated server error");
  }
}
