package dev.imagegate.sigstore.internal;

import dev.imagegate.sigstore.CertificateIdentity;
import dev.imagegate.sigstore.Check;
import dev.imagegate.sigstore.FulcioCertificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Applies identity policies to a certificate. Passes with the first identity that matches (any of
 * several identities is enough; within one identity subject, issuer and every extension must
 * match). The failure names what was expected and what the certificate holds.
 */
public final class IdentityMatcher {
  private IdentityMatcher() {}

  public static Check<CertificateIdentity> match(
      FulcioCertificate cert, List<CertificateIdentity> identities) {
    if (identities.isEmpty()) {
      return Check.passed(new CertificateIdentity(null, null, null, null, Map.of(), null));
    }
    List<String> sans = cert.subjectAlternativeNames();
    String issuer = cert.issuer();
    List<String> misses = new ArrayList<>();
    for (CertificateIdentity id : identities) {
      String miss = mismatch(cert, id, sans, issuer);
      if (miss == null) {
        return Check.passed(id);
      }
      misses.add(miss);
    }
    if (misses.size() == 1) {
      return Check.failed(misses.get(0));
    }
    return Check.failed(
        "none of the "
            + identities.size()
            + " expected identities matched: "
            + String.join("; ", misses));
  }

  private static @Nullable String mismatch(
      FulcioCertificate cert, CertificateIdentity id, List<String> sans, @Nullable String issuer) {
    boolean wildcard = id.mode() == CertificateIdentity.MatchMode.WILDCARD;
    boolean subjectOk =
        (id.subject() == null || sans.stream().anyMatch(s -> equal(id.subject(), s, wildcard)))
            && (id.subjectRegExp() == null
                // the pattern is non-null exactly when subjectRegExp is set
                || sans.stream()
                    .anyMatch(s -> find(Objects.requireNonNull(id.subjectPattern()), s)));
    boolean issuerOk =
        issuer != null
            ? (id.issuer() == null || equal(id.issuer(), issuer, wildcard))
                && (id.issuerRegExp() == null
                    || find(Objects.requireNonNull(id.issuerPattern()), issuer))
            : id.issuer() == null && id.issuerRegExp() == null;
    if (!subjectOk || !issuerOk) {
      return "certificate identity mismatch: expected "
          + id.describe()
          + ", found SANs "
          + sans
          + " issuer "
          + (issuer == null ? "(none)" : "'" + issuer + "'");
    }
    List<String> bad = new ArrayList<>();
    for (Map.Entry<String, String> want : new TreeMap<>(id.extensions()).entrySet()) {
      String have = cert.extension(want.getKey());
      if (have == null || !equal(want.getValue(), have, wildcard)) {
        bad.add(
            want.getKey()
                + " ("
                + FulcioCertificate.oidFor(want.getKey())
                + ") expected '"
                + want.getValue()
                + "', found "
                + (have == null ? "(absent)" : "'" + have + "'"));
      }
    }
    return bad.isEmpty() ? null : "certificate extension mismatch: " + String.join(", ", bad);
  }

  private static boolean equal(String expected, String actual, boolean wildcard) {
    return wildcard ? dev.imagegate.base.Wildcard.match(expected, actual) : expected.equals(actual);
  }

  private static boolean find(Pattern p, String s) {
    return p.matcher(s).find();
  }
}
