package io.precis.core.errors;

/**
 * An error a user can act on: its message says what went wrong, why, and how to fix it, on one
 * line. Build instances through {@link Errors}, the one place that words them.
 */
public final class PrecisException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PrecisException(String message) {
    super(message);
  }

  PrecisException(String message, Throwable cause) {
    super(message, cause);
  }
}
