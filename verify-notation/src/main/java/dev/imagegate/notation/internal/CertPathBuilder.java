package dev.imagegate.notation.internal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Builds a path from a signer certificate through untrusted intermediates to one of the given
 * roots, for the TSA chain inside a timestamp token (which, unlike the Notary signing chain, may be
 * unordered and contain cross-certificates). Every certificate must be valid at {@code at} and,
 * when it has an EKU extension, allow {@code requiredEku} (or anyExtendedKeyUsage).
 */
final class CertPathBuilder {
  private static final int MAX_DEPTH = 8;

  /** A built chain (signer first, root last) or why none exists. */
  record Path(@Nullable List<X509Certificate> chain, @Nullable String error) {}

  private CertPathBuilder() {}

  static Path build(
      X509Certificate signer,
      List<X509Certificate> intermediates,
      List<X509Certificate> roots,
      Instant at,
      String requiredEku) {
    String[] lastError = {
      "no chain to a trusted root was found for \"" + CertificateRules.subject(signer) + "\""
    };
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(signer);
    Optional<String> leafProblem = usable(signer, at, requiredEku);
    if (leafProblem.isPresent()) {
      return new Path(null, leafProblem.get());
    }
    if (extend(chain, intermediates, roots, at, requiredEku, lastError)) {
      return new Path(List.copyOf(chain), null);
    }
    return new Path(null, lastError[0]);
  }

  private static boolean extend(
      List<X509Certificate> chain,
      List<X509Certificate> intermediates,
      List<X509Certificate> roots,
      Instant at,
      String eku,
      String[] lastError) {
    X509Certificate tip = chain.get(chain.size() - 1);
    for (X509Certificate root : roots) {
      if (Arrays.equals(encoded(root), encoded(tip))) {
        return true; // the tip itself is trusted
      }
    }
    for (X509Certificate root : roots) {
      if (CertificateRules.issuedByProblem(tip, root).isEmpty()) {
        Optional<String> p = usable(root, at, eku);
        if (p.isEmpty()) {
          chain.add(root);
          return true;
        }
        lastError[0] = p.get();
      }
    }
    if (chain.size() >= MAX_DEPTH) {
      lastError[0] = "certificate chain is longer than " + MAX_DEPTH;
      return false;
    }
    for (X509Certificate candidate : intermediates) {
      if (chain.contains(candidate)
          || !CertificateRules.issuedByProblem(tip, candidate).isEmpty()) {
        continue;
      }
      Optional<String> p = usable(candidate, at, eku);
      if (p.isPresent()) {
        lastError[0] = p.get();
        continue;
      }
      chain.add(candidate);
      if (extend(chain, intermediates, roots, at, eku, lastError)) {
        return true;
      }
      chain.remove(chain.size() - 1);
    }
    return false;
  }

  private static Optional<String> usable(X509Certificate cert, Instant at, String eku) {
    if (at.isBefore(cert.getNotBefore().toInstant())
        || at.isAfter(cert.getNotAfter().toInstant())) {
      return Optional.of(
          "certificate \""
              + CertificateRules.subject(cert)
              + "\" is not valid at "
              + at
              + " (valid "
              + cert.getNotBefore().toInstant()
              + " to "
              + cert.getNotAfter().toInstant()
              + ")");
    }
    List<String> ekus = CertificateRules.ekus(cert);
    if (!ekus.isEmpty() && !ekus.contains(eku) && !ekus.contains(CertificateRules.EKU_ANY)) {
      return Optional.of(
          "certificate \""
              + CertificateRules.subject(cert)
              + "\" does not allow extended key usage "
              + eku);
    }
    return Optional.empty();
  }

  private static byte[] encoded(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
