package dev.imagegate.sigstore.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Rekor entry bodies and checkpoints come with a signature (bundle tlog entries, cosign's Rekor
 * bundle annotation): any bytes give an entry or {@link Json.ShapeException}, any text a checkpoint
 * or a failed check.
 */
class RekorFuzzTest {
  @FuzzTest
  void entryAndCheckpoint(byte[] input) {
    try {
      RekorEntry e = RekorEntry.parse(input);
      e.kindVersion();
    } catch (Json.ShapeException expected) {
      // refused cleanly
    }
    Checkpoint.parse(new String(input, StandardCharsets.UTF_8));
  }
}
