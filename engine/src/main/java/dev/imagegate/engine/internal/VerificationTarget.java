package dev.imagegate.engine.internal;

import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.policy.VerifyImage;
import dev.imagegate.verify.PhaseTimings;

/**
 * What every attestor entry of one image is verified against: the image (reference and resolved
 * digest), its {@code verifyImages} entry, the attestation type when attestations are verified, and
 * the request's scope (timings, registry access).
 *
 * @param rule the verifyImages entry; null only in the rule tables of tests
 * @param predicateType null to verify signatures; else the attestation type whose statements the
 *     proof carries
 */
record VerificationTarget(
    RequestScope scope, ImageReference ref, Digest digest, VerifyImage rule, String predicateType) {

  /** The same image, checked for attestations of {@code type}. */
  VerificationTarget attestations(String type) {
    return new VerificationTarget(scope, ref, digest, rule, type);
  }

  PhaseTimings timings() {
    return scope.timings();
  }

  /** The request's way to the registries (its credentials): every registry read goes through it. */
  RegistryAccess access() {
    return scope.access();
  }
}
