package dev.imagegate.forgery;

import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.verify.ImageVerifier;
import dev.imagegate.verify.ProofIssuer;
import dev.imagegate.verify.VerifiedImage;
import java.util.List;

/**
 * A deliberate violation, analysed by ProofForgeryTest: a class outside the verifier modules that
 * subclasses ImageVerifier to obtain a ProofIssuer and forge a proof without checking anything. It
 * compiles (Java cannot seal a class across jars without modules); the boundary rule must fail on
 * it.
 */
public final class ForgedVerifier extends ImageVerifier {
  @Override
  protected String name() {
    return "forged";
  }

  public VerifiedImage forge(ImageReference ref, Digest digest) {
    ProofIssuer stolen = issuer();
    return stolen.image(ref, digest, List.of("nobody"), List.of());
  }
}
