package io.precis.testkit.sim;

/** How one of the simulated APIs spells its errors. */
interface ApiDialect {

  /** {@code "ollama"} or {@code "openai"}, as recorded in {@link SimulatedCall#api()}. */
  String name();

  /** The error answer of this API for a status, the kind of failure and a message. */
  Reply error(int status, SimulatedCall.Outcome outcome, String message);
}
