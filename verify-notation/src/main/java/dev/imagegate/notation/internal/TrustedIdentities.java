package dev.imagegate.notation.internal;

import dev.imagegate.base.Result;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code trustedIdentities}: {@code *}, or {@code prefix:value} entries of which only {@code
 * x509.subject} is evaluated here; the leaf subject must contain every attribute of one configured
 * DN (subset match).
 */
public final class TrustedIdentities {
  public static final String WILDCARD = "*";
  public static final String X509_SUBJECT = "x509.subject";

  private TrustedIdentities() {}

  static void validate(List<String> identities, String where, TrustPolicyParser.Errors err) {
    if (identities.contains(WILDCARD)) {
      if (identities.size() > 1) {
        throw err.fail(
            where
                + " uses a wildcard trusted identity '*', a wildcard identity cannot be used in"
                + " conjunction with other values");
      }
      return;
    }
    List<Map<String, String>> dns = new ArrayList<>();
    for (String identity : identities) {
      if (identity.isBlank()) {
        throw err.fail(where + " has an empty trusted identity");
      }
      int colon = identity.indexOf(':');
      if (colon < 0) {
        throw err.fail(where + " has trusted identity \"" + identity + "\" missing separator");
      }
      String prefix = identity.substring(0, colon);
      String value = identity.substring(colon + 1);
      if (prefix.isBlank() || value.isBlank()) {
        throw err.fail(
            where + " has trusted identity \"" + identity + "\" without a type or value");
      }
      if (!prefix.equals(X509_SUBJECT)) {
        continue; // plugin-defined identity types are not validated here
      }
      Result<Map<String, String>> dn = DistinguishedNames.parse(value);
      if (!dn.isOk()) {
        throw err.fail(
            where
                + " has trusted identity \""
                + identity
                + "\" with an invalid distinguished name: "
                + dn.reason());
      }
      Optional<String> missing = DistinguishedNames.missingMandatory(dn.value());
      if (missing.isPresent()) {
        throw err.fail(
            "distinguished name (DN) \""
                + value
                + "\" has no mandatory RDN attribute for \""
                + missing.get()
                + "\", it must contain 'C', 'ST', and 'O' RDN attributes at a minimum");
      }
      dns.add(dn.value());
    }
    for (int i = 0; i < dns.size(); i++) {
      for (int j = i + 1; j < dns.size(); j++) {
        if (DistinguishedNames.isSubset(dns.get(i), dns.get(j))
            || DistinguishedNames.isSubset(dns.get(j), dns.get(i))) {
          throw err.fail(
              where
                  + " has overlapping x509 trustedIdentities, "
                  + dns.get(i)
                  + " overlaps with "
                  + dns.get(j));
        }
      }
    }
  }

  /** Why the leaf does not match, or empty when it does. */
  public static Optional<String> mismatch(
      List<String> identities, X509Certificate leaf, String policyName) {
    if (identities.contains(WILDCARD)) {
      return Optional.empty();
    }
    List<Map<String, String>> configured = new ArrayList<>();
    for (String identity : identities) {
      if (identity.startsWith(X509_SUBJECT + ":")) {
        Result<Map<String, String>> dn =
            DistinguishedNames.parse(identity.substring(X509_SUBJECT.length() + 1));
        if (!dn.isOk()) {
          return Optional.of("trusted identity \"" + identity + "\" is invalid: " + dn.reason());
        }
        configured.add(dn.value());
      }
    }
    if (configured.isEmpty()) {
      return Optional.of(
          "no x509 trusted identities are configured in the trust policy \"" + policyName + "\"");
    }
    Result<Map<String, String>> subject = DistinguishedNames.subjectOf(leaf);
    if (!subject.isOk()) {
      return Optional.of(
          "signing certificate subject \""
              + CertificateRules.subject(leaf)
              + "\" cannot be matched: "
              + subject.reason());
    }
    for (Map<String, String> dn : configured) {
      if (DistinguishedNames.isSubset(dn, subject.value())) {
        return Optional.empty();
      }
    }
    return Optional.of(
        "signing certificate subject \""
            + CertificateRules.subject(leaf)
            + "\" does not match the X.509"
            + " trusted identities "
            + configured
            + " defined in the trust policy \""
            + policyName
            + "\"");
  }
}
