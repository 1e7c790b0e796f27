package io.precis.jobs.rollup;

/** Where changes of alert state are sent: a webhook, or a fake in tests. */
public interface AlertNotifier {
  /**
   * Sends one change of state and returns once the receiver has accepted it.
   *
   * @throws io.precis.core.errors.PrecisException when the receiver could not be reached or did not
   *     accept it; the caller does not record the alert, so the next run sends it again
   */
  void send(AlertTransition transition);

  /** Where it sends, as shown to people (a URL with any password redacted). */
  String destination();
}
