package dev.imagegate.webhook.internal;

/** Fixed input bounds that are not worth a flag. */
final class WebhookLimits {
  /**
   * Longest JSON string accepted (an annotation can be large, but not larger than the whole
   * request).
   */
  static final int MAX_STRING_CHARS = 3 * 1024 * 1024;

  /** Longest query string of /debug/explain. */
  static final int MAX_QUERY_CHARS = 512;

  private WebhookLimits() {}
}
