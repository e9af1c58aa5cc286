package dev.imagegate.cli;

import dev.imagegate.oci.Digest;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.PhaseTimings;
import dev.imagegate.verify.SignatureFinding;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one image's verification produced, for printing. {@code digest} is null when resolution
 * failed.
 */
record ImageResult(
    String input,
    String reference,
    @Nullable Digest digest,
    Outcome outcome,
    List<SignatureFinding> findings,
    PhaseTimings timings,
    long totalNanos) {
  boolean verified() {
    return outcome.verified();
  }
}
