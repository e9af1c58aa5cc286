package dev.imagegate.oci.archfixture;

import dev.imagegate.trust.archfixture.SignatureCheck;

/** Violation fixture: the OCI client knowing about signatures. */
public final class SignsManifests {
  public boolean check(byte[] manifest) {
    return SignatureCheck.verify(manifest);
  }
}
