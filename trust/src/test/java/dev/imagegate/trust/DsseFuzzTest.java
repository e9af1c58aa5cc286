package dev.imagegate.trust;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * DSSE envelopes come from registries (cosign attestation layers, Sigstore bundles): any bytes give
 * an envelope or {@link IllegalArgumentException} with the reason (the documented failure).
 */
class DsseFuzzTest {
  @FuzzTest
  void envelope(byte[] input) {
    Dsse.Envelope e;
    try {
      e = Dsse.parse(input);
    } catch (IllegalArgumentException expected) {
      return;
    }
    e.pae();
  }
}
