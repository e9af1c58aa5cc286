package dev.imagegate.sigstore;

import dev.imagegate.trust.Dsse;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The outcome of verifying a Sigstore bundle. */
public sealed interface BundleVerification {

  /**
   * @param certificatePath the verified path (signing certificate first), empty for key-signed
   *     bundles
   * @param matchedIdentity the identity that matched, null for key-signed bundles
   * @param signingTime the earliest trusted time, null when none exists (key-signed, no log entry,
   *     no timestamp)
   * @param trustedTimes every verified time: SET integrated times and RFC 3161 times
   * @param tlogEntries the log entries that verified and match the signature
   * @param envelope the DSSE envelope of a DSSE bundle, null for message signatures
   */
  record Verified(
      Signer signer,
      List<X509Certificate> certificatePath,
      @Nullable CertificateIdentity matchedIdentity,
      @Nullable Instant signingTime,
      List<Instant> trustedTimes,
      List<TlogEntry> tlogEntries,
      Dsse.@Nullable Envelope envelope)
      implements BundleVerification {
    public Verified {
      certificatePath = List.copyOf(certificatePath);
      trustedTimes = List.copyOf(trustedTimes);
      tlogEntries = List.copyOf(tlogEntries);
    }
  }

  record Failed(List<String> reasons) implements BundleVerification {
    public Failed {
      reasons = List.copyOf(reasons);
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException("a failed verification needs at least one reason");
      }
    }
  }

  default boolean isVerified() {
    return this instanceof Verified;
  }
}
