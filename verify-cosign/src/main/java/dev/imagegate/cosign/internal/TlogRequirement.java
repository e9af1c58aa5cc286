package dev.imagegate.cosign.internal;

import dev.imagegate.verify.Failure;

/**
 * The transparency-log rule for key-based signatures, as cosign applies it: a signature must carry a verified
 * Rekor entry unless the user opted out with {@code --insecure-ignore-tlog} (Kyverno {@code rekor.ignoreTlog}).
 */
public final class TlogRequirement {
  private TlogRequirement() {}

  /** Null when acceptable, else why not. {@code hasEntry}: the signature carries Rekor material. */
  public static Failure check(boolean ignoreTlog, boolean hasEntry) {
    if (ignoreTlog) {
      return null;
    }
    if (!hasEntry) {
      return new Failure(Failure.Code.TLOG, "signature has no transparency log entry (made with --tlog-upload=false?);"
          + " pass --insecure-ignore-tlog (Kyverno: rekor.ignoreTlog: true) to accept signatures without one");
    }
    return new Failure(Failure.Code.UNSUPPORTED, "signature carries a Rekor entry, but no Rekor public key is configured"
        + " to verify it offline; pass --rekor-public-key or --trusted-root, or --insecure-ignore-tlog to skip the log check");
  }
}
