package dev.imagegate.notation;

/**
 * Broken Notary trust configuration: an invalid trust policy document, a missing or invalid trust
 * store, an unreadable Ratify verifier config. Never a verification outcome; the message names the
 * file or store and what is wrong.
 */
public class NotationConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotationConfigException(String message) {
    super(message);
  }

  public NotationConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
