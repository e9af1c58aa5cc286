package dev.imagegate.policy;

/**
 * A problem {@link PolicyLinter} found; errors make a policy unusable or wrong, warnings are likely
 * mistakes.
 */
public record LintFinding(Severity severity, Location location, String message) {
  public enum Severity {
    ERROR,
    WARNING
  }

  @Override
  public String toString() {
    return location + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
  }
}
