package dev.imagegate.policy;

/**
 * A policy (or a file holding policies) that cannot be used: invalid YAML, a wrong type, an unknown
 * enum value. The message starts with {@code file:line:column} and says what to change.
 */
public final class PolicyException extends RuntimeException {
  private final Location location;
  private final String problem;

  public PolicyException(Location location, String problem) {
    super(location + ": " + problem);
    this.location = location;
    this.problem = problem;
  }

  public PolicyException(Location location, String problem, Throwable cause) {
    super(location + ": " + problem, cause);
    this.location = location;
    this.problem = problem;
  }

  public Location location() {
    return location;
  }

  /** The message without the location. */
  public String problem() {
    return problem;
  }
}
