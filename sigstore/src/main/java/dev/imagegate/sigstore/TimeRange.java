package dev.imagegate.sigstore;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A closed validity interval from a trusted root ({@code validFor}): both ends are inclusive
 * (conformance {@code trust-root-*-validity-end-inclusive}). A missing end means "still valid".
 */
public record TimeRange(Instant start, @Nullable Instant end) {
  /** Used for trust material that carries no validity of its own (legacy PEM keys and roots). */
  public static final TimeRange ALWAYS = new TimeRange(Instant.EPOCH, null);

  public TimeRange {
    Objects.requireNonNull(start, "start");
    if (end != null && end.isBefore(start)) {
      throw new IllegalArgumentException(
          "validity ends (" + end + ") before it starts (" + start + ")");
    }
  }

  public boolean contains(Instant t) {
    return !t.isBefore(start) && (end == null || !t.isAfter(end));
  }

  @Override
  public String toString() {
    return "[" + start + ", " + (end == null ? "open" : end.toString()) + "]";
  }
}
