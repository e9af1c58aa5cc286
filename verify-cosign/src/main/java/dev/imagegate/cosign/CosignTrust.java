package dev.imagegate.cosign;

import dev.imagegate.sigstore.CertificateAuthority;
import dev.imagegate.sigstore.TimeRange;
import dev.imagegate.sigstore.TrustedRoot;
import dev.imagegate.trust.TrustMaterialException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Assembles the {@link TrustedRoot} a cosign verification uses: a base root (the bundled
 * public-good snapshot, or a {@code trusted_root.json} given with {@code --trusted-root}) whose
 * parts are replaced by the legacy PEM inputs when they are given, as cosign's {@code SIGSTORE_*}
 * overrides and Kyverno's {@code roots}, {@code rekor.pubkey}, {@code ctlog.pubkey} and {@code
 * ctlog.tsaCertChain} do. A replaced part no longer trusts the base's material: a private Rekor key
 * does not also accept the public-good log.
 */
public final class CosignTrust {
  private static volatile @Nullable TrustedRoot publicGood;

  private CosignTrust() {}

  /** The public-good production root shipped with the sigstore module (parsed once). */
  public static TrustedRoot publicGood() {
    TrustedRoot r = publicGood;
    if (r == null) {
      r = TrustedRoot.publicGood();
      publicGood = r;
    }
    return r;
  }

  /**
   * Replaces parts of {@code base}; every PEM argument may be null or blank (keep the base's part).
   *
   * @param fulcioRootsPem CA certificates, each one a trust anchor (cosign {@code --ca-roots},
   *     Kyverno {@code roots} and a lone {@code certChain})
   * @param rekorKeysPem Rekor public keys (cosign {@code --rekor-public-key}, Kyverno {@code
   *     rekor.pubkey})
   * @param ctlogKeysPem CT log public keys (cosign {@code --ct-log-public-key}, Kyverno {@code
   *     ctlog.pubkey})
   * @param tsaChainPem the TSA signing certificate first and its root last (Kyverno {@code
   *     ctlog.tsaCertChain})
   */
  public static TrustedRoot compose(
      TrustedRoot base,
      @Nullable String fulcioRootsPem,
      @Nullable String rekorKeysPem,
      @Nullable String ctlogKeysPem,
      @Nullable String tsaChainPem) {
    TrustedRoot pem =
        TrustedRoot.fromLegacyPem(fulcioRootsPem, null, rekorKeysPem, ctlogKeysPem, tsaChainPem);
    return new TrustedRoot(
        given(rekorKeysPem) ? pem.tlogs() : base.tlogs(),
        given(fulcioRootsPem) ? pem.certificateAuthorities() : base.certificateAuthorities(),
        given(ctlogKeysPem) ? pem.ctlogs() : base.ctlogs(),
        given(tsaChainPem) ? pem.timestampAuthorities() : base.timestampAuthorities());
  }

  /**
   * {@code base} with its CAs replaced by one CA whose chain is {@code chain} (parent of the leaf
   * first, root last): cosign's {@code --certificate-chain}, where the last certificate is the root
   * and the others intermediates.
   */
  public static TrustedRoot withChain(TrustedRoot base, List<X509Certificate> chain) {
    if (chain.isEmpty()) {
      throw new TrustMaterialException("certificate chain is empty");
    }
    if (chain.size() > CertificateRequirements.MAX_CHAIN) {
      throw new TrustMaterialException(
          "certificate chain has "
              + chain.size()
              + " certificates, at most "
              + CertificateRequirements.MAX_CHAIN
              + " are accepted");
    }
    return new TrustedRoot(
        base.tlogs(),
        List.of(new CertificateAuthority("", chain, TimeRange.ALWAYS)),
        base.ctlogs(),
        base.timestampAuthorities());
  }

  private static boolean given(@Nullable String pem) {
    return pem != null && !pem.isBlank();
  }
}
