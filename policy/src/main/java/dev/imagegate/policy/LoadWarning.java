package dev.imagegate.policy;

/**
 * Something accepted but worth telling: an unknown field (as the API server's field validation
 * warns), a skipped document.
 */
public record LoadWarning(Location location, String message) {
  @Override
  public String toString() {
    return location + ": " + message;
  }
}
