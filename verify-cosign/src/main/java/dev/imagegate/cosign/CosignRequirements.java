package dev.imagegate.cosign;

import dev.imagegate.oci.RepositoryName;
import dev.imagegate.sigstore.TrustedRoot;
import dev.imagegate.trust.SignatureAlgorithm;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a cosign verification must establish for one image (one Kyverno attestor entry, or one
 * {@code imagegate verify} run).
 *
 * @param keys trusted public keys; a signature by any of them is enough. Empty when {@code
 *     certificates} is set.
 * @param certificates certificate or keyless verification; null when verifying with {@code keys}
 * @param hash hash for legacy simple-signing and DSSE layers (cosign always uses SHA-256; Kyverno's
 *     {@code signatureAlgorithm} may choose another)
 * @param annotations required signature annotations ({@code -a k=v}): all must match
 * @param signatureRepository where signatures live when not beside the image ({@code --repository},
 *     {@code COSIGN_REPOSITORY}, Kyverno {@code repository}); null for the image's own repository
 * @param ignoreTlog accept signatures without a transparency log entry ({@code
 *     --insecure-ignore-tlog})
 * @param predicateType null to verify signatures; else the in-toto predicate type of the
 *     attestations to verify, or {@link #ANY_PREDICATE} for attestations of any type
 * @param trustSource Rekor logs, CT logs, timestamp authorities and (for keyless) Fulcio CAs (see
 *     {@link CosignTrust}), resolved only when a check needs them: a key-only verification that
 *     ignores the transparency log never parses the bundled root ({@link TrustSource})
 * @param bundlesOnly read only Sigstore bundle referrers, never the legacy {@code .sig}/{@code
 *     .att} tags (Kyverno {@code type: SigstoreBundle})
 * @param clock "now" for certificates that have no trusted signing time (tlog ignored and no
 *     timestamp)
 */
public record CosignRequirements(
    List<NamedKey> keys,
    @Nullable CertificateRequirements certificates,
    SignatureAlgorithm hash,
    Map<String, String> annotations,
    @Nullable RepositoryName signatureRepository,
    boolean ignoreTlog,
    @Nullable String predicateType,
    TrustSource trustSource,
    boolean bundlesOnly,
    Clock clock) {
  /** Accept attestations of every predicate type (cosign verify-attestation without --type). */
  public static final String ANY_PREDICATE = "*";

  public CosignRequirements {
    keys = List.copyOf(keys);
    annotations = Map.copyOf(annotations);
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(trustSource, "trustSource");
    Objects.requireNonNull(clock, "clock");
    if (keys.isEmpty() == (certificates == null)) {
      throw new IllegalArgumentException(
          keys.isEmpty()
              ? "no verification material: at least one public key, or certificate requirements, is required"
              : "verify with public keys or with certificates, not both");
    }
  }

  /**
   * Key-based requirements with the public-good Rekor keys for the transparency log (the original
   * constructor).
   */
  public CosignRequirements(
      List<NamedKey> keys,
      SignatureAlgorithm hash,
      Map<String, String> annotations,
      @Nullable RepositoryName signatureRepository,
      boolean ignoreTlog,
      @Nullable String predicateType) {
    this(
        keys,
        null,
        hash,
        annotations,
        signatureRepository,
        ignoreTlog,
        predicateType,
        TrustSource.publicGood(),
        false,
        Clock.systemUTC());
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The trust material, resolved (for the bundled root: parsed) on the first call. Call it only
   * where a check needs the material, so that verifications that need none do not pay for it.
   */
  public TrustedRoot trust() {
    return trustSource.get();
  }

  public boolean attestations() {
    return predicateType != null;
  }

  /** Whether an attestation of {@code type} is wanted. */
  public boolean wantsPredicate(String type) {
    return ANY_PREDICATE.equals(predicateType) || type.equals(predicateType);
  }

  /**
   * Builds requirements; defaults: SHA-256, no annotations, own repository, tlog required,
   * public-good trust (parsed when a check first needs it).
   */
  public static final class Builder {
    private List<NamedKey> keys = List.of();
    private @Nullable CertificateRequirements certificates;
    private SignatureAlgorithm hash = SignatureAlgorithm.SHA256;
    private Map<String, String> annotations = Map.of();
    private @Nullable RepositoryName signatureRepository;
    private boolean ignoreTlog;
    private @Nullable String predicateType;
    private @Nullable TrustSource trust;
    private boolean bundlesOnly;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder keys(List<NamedKey> k) {
      this.keys = k;
      return this;
    }

    public Builder certificates(@Nullable CertificateRequirements c) {
      this.certificates = c;
      return this;
    }

    public Builder hash(SignatureAlgorithm h) {
      this.hash = h;
      return this;
    }

    public Builder annotations(Map<String, String> a) {
      this.annotations = a;
      return this;
    }

    public Builder signatureRepository(@Nullable RepositoryName r) {
      this.signatureRepository = r;
      return this;
    }

    public Builder ignoreTlog(boolean i) {
      this.ignoreTlog = i;
      return this;
    }

    public Builder predicateType(@Nullable String p) {
      this.predicateType = p;
      return this;
    }

    public Builder trust(TrustedRoot t) {
      this.trust = TrustSource.of(t);
      return this;
    }

    /** Trust resolved when a check first needs it (default: the bundled public-good root). */
    public Builder trust(TrustSource t) {
      this.trust = t;
      return this;
    }

    public Builder bundlesOnly(boolean b) {
      this.bundlesOnly = b;
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    public CosignRequirements build() {
      return new CosignRequirements(
          keys,
          certificates,
          hash,
          annotations,
          signatureRepository,
          ignoreTlog,
          predicateType,
          trust != null ? trust : TrustSource.publicGood(),
          bundlesOnly,
          clock);
    }
  }
}
