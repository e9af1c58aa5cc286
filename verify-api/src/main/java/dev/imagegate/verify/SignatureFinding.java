package dev.imagegate.verify;

import org.jspecify.annotations.Nullable;

/**
 * One signature or attestation that was found and examined: where it lives (e.g. {@code
 * registry/repo:sha256-<hex>.sig layer 0}), what kind it is, and its outcome.
 *
 * @param signer the matching key or identity when verified, else null
 * @param reason null when verified, else why not
 */
public record SignatureFinding(
    String location,
    String kind,
    boolean verified,
    @Nullable String signer,
    @Nullable Failure reason) {
  public static SignatureFinding ok(String location, String kind, String signer) {
    return new SignatureFinding(location, kind, true, signer, null);
  }

  public static SignatureFinding failed(String location, String kind, Failure reason) {
    return new SignatureFinding(location, kind, false, null, reason);
  }
}
