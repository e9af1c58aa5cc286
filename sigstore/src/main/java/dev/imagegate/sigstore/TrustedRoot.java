package dev.imagegate.sigstore;

import dev.imagegate.sigstore.internal.TrustedRootParser;
import dev.imagegate.trust.Certificates;
import dev.imagegate.trust.PublicKeys;
import dev.imagegate.trust.TrustMaterialException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything a Sigstore verifier trusts: Rekor logs, Fulcio CAs, CT logs and timestamp authorities,
 * each with the period it was valid. Built from a {@code trusted_root.json} (v0.1 / v0.2) or from
 * the legacy PEM inputs cosign and Kyverno take ({@link #fromLegacyPem}). Malformed trust material
 * throws {@link TrustMaterialException}: it is broken configuration, never a verification outcome.
 */
public record TrustedRoot(
    List<TransparencyLog> tlogs,
    List<CertificateAuthority> certificateAuthorities,
    List<TransparencyLog> ctlogs,
    List<CertificateAuthority> timestampAuthorities) {

  private static final String PUBLIC_GOOD_RESOURCE = "public-good-trusted-root.json";

  public TrustedRoot {
    tlogs = List.copyOf(tlogs);
    certificateAuthorities = List.copyOf(certificateAuthorities);
    ctlogs = List.copyOf(ctlogs);
    timestampAuthorities = List.copyOf(timestampAuthorities);
  }

  /** Parses a {@code trusted_root.json} document. */
  public static TrustedRoot parse(byte[] json) {
    return TrustedRootParser.parse(json);
  }

  /**
   * The Sigstore public-good production root shipped with this library (snapshot; see
   * docs/sigstore.md).
   */
  public static TrustedRoot publicGood() {
    try (InputStream in = TrustedRoot.class.getResourceAsStream(PUBLIC_GOOD_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource " + PUBLIC_GOOD_RESOURCE + " missing from the sigstore module");
      }
      return parse(in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + PUBLIC_GOOD_RESOURCE, e);
    }
  }

  /**
   * Assembles trust from the legacy PEM forms (Kyverno {@code roots}, {@code rekor.pubkey}, {@code
   * ctlog.pubkey}, {@code ctlog.tsaCertChain}; cosign {@code SIGSTORE_*} files). Every argument may
   * be null. Each root becomes a CA whose chain is the configured intermediates followed by that
   * root; keys and roots carry no validity period.
   *
   * @param tsaCertChainPem the TSA signing certificate first, its root last
   */
  public static TrustedRoot fromLegacyPem(
      @Nullable String fulcioRootsPem,
      @Nullable String fulcioIntermediatesPem,
      @Nullable String rekorPublicKeysPem,
      @Nullable String ctlogPublicKeysPem,
      @Nullable String tsaCertChainPem) {
    List<CertificateAuthority> cas = new ArrayList<>();
    if (fulcioRootsPem != null && !fulcioRootsPem.isBlank()) {
      List<X509Certificate> intermediates =
          fulcioIntermediatesPem == null || fulcioIntermediatesPem.isBlank()
              ? List.of()
              : Certificates.parsePem(fulcioIntermediatesPem);
      for (X509Certificate root : Certificates.parsePem(fulcioRootsPem)) {
        List<X509Certificate> chain = new ArrayList<>(intermediates);
        chain.add(root);
        cas.add(new CertificateAuthority("", chain, TimeRange.ALWAYS));
      }
    } else if (fulcioIntermediatesPem != null && !fulcioIntermediatesPem.isBlank()) {
      throw new TrustMaterialException("Fulcio intermediates were given without roots");
    }
    List<CertificateAuthority> tsas = new ArrayList<>();
    if (tsaCertChainPem != null && !tsaCertChainPem.isBlank()) {
      tsas.add(
          new CertificateAuthority("", Certificates.parsePem(tsaCertChainPem), TimeRange.ALWAYS));
    }
    return new TrustedRoot(logs(rekorPublicKeysPem), cas, logs(ctlogPublicKeysPem), tsas);
  }

  private static List<TransparencyLog> logs(@Nullable String pem) {
    if (pem == null || pem.isBlank()) {
      return List.of();
    }
    List<TransparencyLog> out = new ArrayList<>();
    for (PublicKey k : PublicKeys.parseAll(pem)) {
      out.add(new TransparencyLog("", k, sha256(k.getEncoded()), TimeRange.ALWAYS));
    }
    return out;
  }

  /**
   * A copy whose lists are the union of both roots (e.g. public-good plus a private CT log key).
   */
  public TrustedRoot merge(TrustedRoot other) {
    return new TrustedRoot(
        concat(tlogs, other.tlogs),
        concat(certificateAuthorities, other.certificateAuthorities),
        concat(ctlogs, other.ctlogs),
        concat(timestampAuthorities, other.timestampAuthorities));
  }

  public Optional<TransparencyLog> tlog(byte[] logId) {
    return tlogs.stream().filter(t -> t.hasLogId(logId)).findFirst();
  }

  public Optional<TransparencyLog> ctlog(byte[] logId) {
    return ctlogs.stream().filter(t -> t.hasLogId(logId)).findFirst();
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
