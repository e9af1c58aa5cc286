package dev.imagegate.sigstore;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.imagegate.trust.TrustMaterialException;

/**
 * Trusted roots are configuration (Kyverno {@code trustRoot}, {@code --trusted-root}), still parsed
 * with bounds: any bytes give a root or {@link TrustMaterialException}.
 */
class TrustedRootFuzzTest {
  @FuzzTest
  void trustedRoot(byte[] input) {
    try {
      TrustedRoot r = TrustedRoot.parse(input);
      r.tlog(new byte[32]);
      r.ctlog(new byte[32]);
    } catch (TrustMaterialException expected) {
      // refused cleanly
    }
  }
}
