package io.precis.testkit.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/** The thread-safe record of every request an {@link LlmSimulator} answered, for assertions. */
public final class CallLog {
  private final List<SimulatedCall> calls = new ArrayList<>();

  CallLog() {}

  synchronized void add(SimulatedCall call) {
    calls.add(Objects.requireNonNull(call, "call is null"));
  }

  /**
   * A snapshot of the calls in the order they arrived. A call is recorded before its answer is
   * sent, so a client that got an answer finds its call here.
   */
  public synchronized List<SimulatedCall> all() {
    return calls.stream().sorted(Comparator.comparing(SimulatedCall::at)).toList();
  }

  /** How many recorded calls match. */
  public synchronized long count(Predicate<SimulatedCall> filter) {
    Objects.requireNonNull(filter, "filter is null");
    return calls.stream().filter(filter).count();
  }

  /** How many completions (chat, generate, chat completions; not embeddings) were answered OK. */
  public long successfulCompletions() {
    return count(call -> call.outcome() == SimulatedCall.Outcome.OK && call.isCompletion());
  }

  /** Forgets the recorded calls (the attempt counts of the simulator are kept). */
  public synchronized void clear() {
    calls.clear();
  }
}
