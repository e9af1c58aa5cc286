package dev.imagegate.webhook.internal;

/**
 * A request the webhook refuses with a 4xx status and a message for the caller (never a stack
 * trace).
 */
public final class BadRequestException extends RuntimeException {
  private final int status;

  public BadRequestException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
