package dev.imagegate.sigstore;

import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a bundle verification requires. Defaults follow cosign and sigstore-go: a verified
 * transparency log entry, an embedded SCT for certificates, and a trusted signing time (SET or RFC
 * 3161 timestamp) for certificates.
 *
 * @param publicKey the key for key-signed bundles (cosign {@code --key}); null for keyless
 * @param identities accepted certificate identities (any one suffices); empty accepts any identity,
 *     so callers verifying keyless signatures should always give one
 * @param requireTlog false is {@code --insecure-ignore-tlog}: log entries are then not read at all
 * @param requireSct false is {@code --insecure-ignore-sct}
 * @param requireTimestamp at least one verified RFC 3161 timestamp
 * @param clock "now", used only when a certificate has no trusted time and neither tlog nor
 *     timestamp is required (cosign then checks the certificate against the current time)
 */
public record VerificationPolicy(
    TrustedRoot trustedRoot,
    @Nullable PublicKey publicKey,
    List<CertificateIdentity> identities,
    boolean requireTlog,
    boolean requireSct,
    boolean requireTimestamp,
    Clock clock) {

  public VerificationPolicy {
    Objects.requireNonNull(trustedRoot, "trustedRoot");
    identities = List.copyOf(identities);
    Objects.requireNonNull(clock, "clock");
  }

  public static Builder builder(TrustedRoot trustedRoot) {
    return new Builder(trustedRoot);
  }

  /** Validates combinations when building; a policy is immutable once built. */
  public static final class Builder {
    private final TrustedRoot trustedRoot;
    private @Nullable PublicKey publicKey;
    private final List<CertificateIdentity> identities = new ArrayList<>();
    private boolean requireTlog = true;
    private boolean requireSct = true;
    private boolean requireTimestamp;
    private Clock clock = Clock.systemUTC();

    private Builder(TrustedRoot trustedRoot) {
      this.trustedRoot = Objects.requireNonNull(trustedRoot, "trustedRoot");
    }

    public Builder publicKey(PublicKey key) {
      this.publicKey = key;
      return this;
    }

    public Builder identity(CertificateIdentity identity) {
      identities.add(Objects.requireNonNull(identity));
      return this;
    }

    public Builder identities(List<CertificateIdentity> ids) {
      ids.forEach(this::identity);
      return this;
    }

    public Builder requireTlog(boolean required) {
      this.requireTlog = required;
      return this;
    }

    public Builder requireSct(boolean required) {
      this.requireSct = required;
      return this;
    }

    public Builder requireTimestamp(boolean required) {
      this.requireTimestamp = required;
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c);
      return this;
    }

    public VerificationPolicy build() {
      if (publicKey != null && !identities.isEmpty()) {
        throw new IllegalArgumentException(
            "a policy verifies either with a public key or with certificate identities, not both");
      }
      return new VerificationPolicy(
          trustedRoot, publicKey, identities, requireTlog, requireSct, requireTimestamp, clock);
    }
  }
}
