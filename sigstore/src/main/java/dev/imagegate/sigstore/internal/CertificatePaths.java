package dev.imagegate.sigstore.internal;

import dev.imagegate.sigstore.CertificateAuthority;
import dev.imagegate.sigstore.Check;
import dev.imagegate.trust.Crypto;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds and checks a certification path from a signing certificate to a trusted CA, with our own
 * rules rather than the JDK's PKIX validator: Fulcio's critical SAN may be an otherName, trust
 * anchors may be intermediates, and validity is judged at the trusted signing times, not now.
 *
 * <p>Per CA, the pool of issuers is the CA's own chain; certificates carried by the signature
 * ("hints") are added only for a CA that lists no intermediates (a bare root, as legacy
 * configurations give), and a self-signed hint is never used. Rules: every issuer is a CA
 * (basicConstraints, keyCertSign, path length), every certificate is valid at every trusted time,
 * the CA's {@code validFor} contains every time, the leaf has the required extended key usage, and
 * no certificate has a critical extension this code does not understand.
 */
public final class CertificatePaths {
  public static final String EKU_CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
  public static final String EKU_TIME_STAMPING = "1.3.6.1.5.5.7.3.8";
  static final int MAX_DEPTH = 8;

  /**
   * Key usage, SAN, basic constraints, EKU, certificate policies, name constraints are handled or
   * harmless here.
   */
  private static final Set<String> KNOWN_CRITICAL =
      Set.of("2.5.29.15", "2.5.29.17", "2.5.29.19", "2.5.29.37", "2.5.29.32");

  private CertificatePaths() {}

  /** A validated path (leaf first, anchor last) and the authority it ends in. */
  public record Path(List<X509Certificate> certificates, CertificateAuthority authority) {}

  public static Check<Path> validate(
      X509Certificate leaf,
      List<X509Certificate> hints,
      List<CertificateAuthority> cas,
      List<Instant> times,
      String requiredEku) {
    if (cas.isEmpty()) {
      return Check.failed("no trusted certificate authorities are configured");
    }
    List<String> problems = new ArrayList<>();
    for (CertificateAuthority ca : cas) {
      List<X509Certificate> pool =
          new ArrayList<>(ca.certChain().subList(0, ca.certChain().size() - 1));
      if (pool.isEmpty()) {
        hints.stream().filter(h -> !isSelfSigned(h)).forEach(pool::add);
      }
      List<X509Certificate> path = build(leaf, pool, ca.anchor());
      if (path == null) {
        continue;
      }
      List<String> bad = check(path, ca, times, requiredEku);
      if (bad.isEmpty()) {
        return Check.passed(new Path(path, ca));
      }
      problems.addAll(bad);
    }
    if (problems.isEmpty()) {
      return Check.failed(
          "certificate chain: no path from the signing certificate (issuer '"
              + leaf.getIssuerX500Principal().getName()
              + "') to a trusted CA (trusted: "
              + cas.stream()
                  .map(ca -> ca.anchor().getSubjectX500Principal().getName())
                  .distinct()
                  .toList()
              + ")");
    }
    return Check.failed(problems.stream().distinct().toList());
  }

  private static @Nullable List<X509Certificate> build(
      X509Certificate leaf, List<X509Certificate> pool, X509Certificate anchor) {
    List<X509Certificate> path = new ArrayList<>();
    path.add(leaf);
    return extend(path, pool, anchor) ? path : null;
  }

  private static boolean extend(
      List<X509Certificate> path, List<X509Certificate> pool, X509Certificate anchor) {
    X509Certificate tip = path.get(path.size() - 1);
    if (issuedBy(tip, anchor)) {
      path.add(anchor);
      return true;
    }
    if (path.size() >= MAX_DEPTH) {
      return false;
    }
    for (X509Certificate c : pool) {
      if (path.stream().noneMatch(p -> sameCert(p, c)) && issuedBy(tip, c)) {
        path.add(c);
        if (extend(path, pool, anchor)) {
          return true;
        }
        path.remove(path.size() - 1);
      }
    }
    return false;
  }

  public static boolean issuedBy(X509Certificate child, X509Certificate parent) {
    if (!child.getIssuerX500Principal().equals(parent.getSubjectX500Principal())) {
      return false;
    }
    try {
      child.verify(parent.getPublicKey(), Crypto.provider());
      return true;
    } catch (java.security.GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  public static boolean isSelfSigned(X509Certificate c) {
    return issuedBy(c, c);
  }

  static boolean sameCert(X509Certificate a, X509Certificate b) {
    try {
      return Arrays.equals(a.getEncoded(), b.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      return false;
    }
  }

  private static List<String> check(
      List<X509Certificate> path,
      CertificateAuthority ca,
      List<Instant> times,
      String requiredEku) {
    List<String> bad = new ArrayList<>();
    X509Certificate leaf = path.get(0);
    for (int i = 1; i < path.size(); i++) {
      X509Certificate issuer = path.get(i);
      String name = "CA certificate '" + issuer.getSubjectX500Principal().getName() + "'";
      int pathLen = issuer.getBasicConstraints();
      if (pathLen < 0) {
        bad.add(name + " is not a CA (basicConstraints)");
      } else if (i - 1 > pathLen) {
        bad.add(name + " allows " + pathLen + " intermediate(s) below it, the path has " + (i - 1));
      }
      boolean[] ku = issuer.getKeyUsage();
      if (ku != null && (ku.length < 6 || !ku[5])) {
        bad.add(name + " lacks the keyCertSign key usage");
      }
    }
    if (requiredEku != null) {
      List<String> eku;
      try {
        eku = leaf.getExtendedKeyUsage();
      } catch (CertificateParsingException e) {
        eku = null;
      }
      if (eku == null || !eku.contains(requiredEku)) {
        bad.add(
            "signing certificate lacks the extended key usage "
                + ekuName(requiredEku)
                + " (has "
                + (eku == null ? "none" : eku)
                + ")");
      }
    }
    for (X509Certificate c : path) {
      Set<String> critical = c.getCriticalExtensionOIDs();
      if (critical != null) {
        critical.stream()
            .filter(o -> !KNOWN_CRITICAL.contains(o))
            .sorted()
            .forEach(
                o ->
                    bad.add(
                        "certificate '"
                            + c.getSubjectX500Principal().getName()
                            + "' has an unsupported critical extension "
                            + o));
      }
    }
    for (Instant t : times) {
      Date d = Date.from(t);
      for (X509Certificate c : path) {
        if (d.before(c.getNotBefore()) || d.after(c.getNotAfter())) {
          bad.add(
              (c.equals(leaf)
                      ? "signing certificate"
                      : "CA certificate '" + c.getSubjectX500Principal().getName() + "'")
                  + " is not valid at the trusted signing time "
                  + t
                  + " (valid "
                  + c.getNotBefore().toInstant()
                  + " to "
                  + c.getNotAfter().toInstant()
                  + ")");
        }
      }
      if (!ca.validFor().contains(t)) {
        bad.add(
            "trusted signing time "
                + t
                + " is outside the validity "
                + ca.validFor()
                + " of "
                + ca);
      }
    }
    return bad;
  }

  private static String ekuName(String oid) {
    return switch (oid) {
      case EKU_CODE_SIGNING -> "codeSigning";
      case EKU_TIME_STAMPING -> "timeStamping";
      default -> oid;
    };
  }
}
