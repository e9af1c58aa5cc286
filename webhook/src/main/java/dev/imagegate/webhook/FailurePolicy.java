package dev.imagegate.webhook;

/**
 * What to answer when no decision could be reached in time (deadline, engine error, overload,
 * policies not loaded). Mirrors the webhook configuration's {@code failurePolicy} so that imagegate
 * answers explicitly, with a reason, instead of letting the API server time out.
 */
public enum FailurePolicy {
  /** Deny the request. */
  FAIL,
  /** Allow the request, with a warning. */
  IGNORE;

  /** Accepts Kubernetes' spelling ({@code Fail}, {@code Ignore}) in any case. */
  public static FailurePolicy parse(String text) {
    return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "fail" -> FAIL;
      case "ignore" -> IGNORE;
      default ->
          throw new IllegalArgumentException("failurePolicy must be Fail or Ignore, not " + text);
    };
  }
}
