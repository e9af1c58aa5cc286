package dev.imagegate.ivpol.convert.internal;

/**
 * A construct with no equivalent in an ImageValidatingPolicy; the message is the precise reason,
 * reported per rule and written as a TODO comment. An expected outcome of conversion, not a bug.
 */
public final class Unconvertible extends Exception {
  private static final long serialVersionUID = 1L;

  public Unconvertible(String reason) {
    super(reason, null, false, false);
  }
}
