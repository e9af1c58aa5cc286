package dev.imagegate.engine.internal;

import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.verify.ImageVerifier;
import dev.imagegate.verify.VerifiedImage;
import java.util.List;

/** A verifier for tests that issues proofs without checking anything (test scope only). */
final class TestProofs extends ImageVerifier {
  @Override
  protected String name() {
    return "test";
  }

  VerifiedImage proof(ImageReference ref, Digest digest, String signer) {
    return issue(ref, digest, List.of(signer), List.of());
  }
}
