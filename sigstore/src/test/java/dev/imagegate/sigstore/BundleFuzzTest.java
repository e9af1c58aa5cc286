package dev.imagegate.sigstore;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Sigstore bundles come from registries (OCI 1.1 referrers) and files: any bytes give a bundle or
 * {@link BundleFormatException}; a parsed bundle's accessors never throw.
 */
class BundleFuzzTest {
  @FuzzTest
  void bundle(byte[] input) {
    SigstoreBundle b;
    try {
      b = SigstoreBundle.parse(input);
    } catch (BundleFormatException expected) {
      return;
    }
    b.isKeySigned();
    b.signatureBytes();
  }
}
