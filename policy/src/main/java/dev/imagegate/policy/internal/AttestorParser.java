package dev.imagegate.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.policy.Attestor;
import dev.imagegate.policy.AttestorSet;
import dev.imagegate.policy.AttestorTrust;
import dev.imagegate.policy.CTLog;
import dev.imagegate.policy.KeySource;
import dev.imagegate.policy.Rekor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Reads attestor sets and entries: keys, certificates, keyless identities, nested sets. */
final class AttestorParser {
  private AttestorParser() {}

  static AttestorSet attestorSet(Fields f) {
    Integer count = f.integer("count");
    if (count != null && count < 1) {
      throw f.fail("count", "must be at least 1, got " + count);
    }
    List<Attestor> entries = f.list("entries", (e, i) -> attestor(e));
    return new AttestorSet(count, entries, f.location());
  }

  private static Attestor attestor(Fields f) {
    List<AttestorTrust> trusts = new ArrayList<>();
    AttestorTrust keys = f.object("keys", AttestorParser::keys);
    AttestorTrust certificates = f.object("certificates", AttestorParser::certificates);
    AttestorTrust keyless = f.object("keyless", AttestorParser::keyless);
    AttestorTrust nested = f.get("attestor").map(n -> nested(f, n)).orElse(null);
    for (AttestorTrust t : new AttestorTrust[] {keys, certificates, keyless, nested}) {
      if (t != null) {
        trusts.add(t);
      }
    }
    if (trusts.size() != 1) {
      throw f.failHere(
          trusts.isEmpty()
              ? "needs one of keys, certificates, keyless or attestor"
              : "sets more than one of keys, certificates, keyless and attestor; use one per entry");
    }
    return new Attestor(
        trusts.get(0), f.string("repository"), f.stringMap("annotations"), f.location());
  }

  private static AttestorTrust keys(Fields f) {
    String publicKeys = f.string("publicKeys");
    String kms = f.string("kms");
    KeySource.Secret secret =
        f.object(
            "secret",
            s -> new KeySource.Secret(s.requiredString("namespace"), s.requiredString("name")));
    int given = (publicKeys != null ? 1 : 0) + (kms != null ? 1 : 0) + (secret != null ? 1 : 0);
    if (given != 1) {
      throw f.failHere(
          given == 0
              ? "needs publicKeys, kms or secret"
              : "sets more than one of publicKeys, kms and secret");
    }
    KeySource source;
    if (secret != null) {
      source = secret;
    } else if (kms != null) {
      source =
          kmsSource(kms)
              .orElseThrow(
                  () ->
                      f.fail(
                          "kms",
                          "'"
                              + kms
                              + "' is not a KMS URI (awskms://, gcpkms://, azurekms://, hashivault://)"));
    } else {
      // exactly one of the three is given (checked above), and it is not kms or secret
      source = keySource(Objects.requireNonNull(publicKeys));
      if (source instanceof KeySource.Secret s && (s.namespace().isEmpty() || s.name().isEmpty())) {
        throw f.fail("publicKeys", "a Secret reference is written k8s://NAMESPACE/NAME");
      }
    }
    String algorithm = f.string("signatureAlgorithm");
    if (algorithm != null && !List.of("sha224", "sha256", "sha384", "sha512").contains(algorithm)) {
      throw f.fail(
          "signatureAlgorithm",
          "'" + algorithm + "' is not supported; use sha224, sha256, sha384 or sha512");
    }
    return new AttestorTrust.Keys(
        source,
        algorithm == null ? "sha256" : algorithm,
        f.object("rekor", AttestorParser::rekor),
        f.object("ctlog", AttestorParser::ctlog));
  }

  /** Classifies a {@code publicKeys} / legacy {@code key} value. */
  static KeySource keySource(String text) {
    String t = text.trim();
    if (t.startsWith("k8s://")) {
      String[] parts = t.substring("k8s://".length()).split("/", 2);
      return new KeySource.Secret(parts[0], parts.length > 1 ? parts[1] : "");
    }
    java.util.Optional<KeySource> kms = kmsSource(t);
    if (kms.isPresent()) {
      return kms.get();
    }
    return t.contains("{{") ? new KeySource.Unresolved(text) : new KeySource.Pem(text);
  }

  private static java.util.Optional<KeySource> kmsSource(String uri) {
    Map<String, KeySource.Kms.Provider> prefixes =
        Map.of(
            "awskms://",
            KeySource.Kms.Provider.AWS,
            "gcpkms://",
            KeySource.Kms.Provider.GCP,
            "azurekms://",
            KeySource.Kms.Provider.AZURE,
            "hashivault://",
            KeySource.Kms.Provider.HASHICORP_VAULT);
    return prefixes.entrySet().stream()
        .filter(e -> uri.trim().startsWith(e.getKey()))
        .map(e -> (KeySource) new KeySource.Kms(uri.trim(), e.getValue()))
        .findFirst();
  }

  private static AttestorTrust certificates(Fields f) {
    String cert = f.string("cert");
    String chain = f.string("certChain");
    if (cert == null && chain == null) {
      throw f.failHere("needs cert, certChain or both");
    }
    return new AttestorTrust.Certificates(
        cert,
        chain,
        f.object("rekor", AttestorParser::rekor),
        f.object("ctlog", AttestorParser::ctlog));
  }

  private static AttestorTrust keyless(Fields f) {
    String subject = f.string("subject");
    String subjectRegExp = f.string("subjectRegExp");
    String issuer = f.string("issuer");
    String issuerRegExp = f.string("issuerRegExp");
    checkRegex(f, "subjectRegExp", subjectRegExp);
    checkRegex(f, "issuerRegExp", issuerRegExp);
    return new AttestorTrust.Keyless(
        subject,
        subjectRegExp,
        issuer,
        issuerRegExp,
        f.string("roots"),
        f.stringMap("additionalExtensions"),
        f.object("rekor", AttestorParser::rekor),
        f.object("ctlog", AttestorParser::ctlog));
  }

  private static void checkRegex(Fields f, String field, @Nullable String regex) {
    if (regex != null && !regex.contains("{{")) {
      try {
        java.util.regex.Pattern.compile(regex);
      } catch (java.util.regex.PatternSyntaxException e) {
        throw f.fail(field, "is not a valid regular expression: " + e.getDescription());
      }
    }
  }

  private static AttestorTrust nested(Fields f, JsonNode n) {
    if (n.isTextual()) {
      return new AttestorTrust.Nested(null, n.asText());
    }
    Fields nf = Fields.of(f.doc(), f.pointer("attestor"), n, f.warnings());
    AttestorSet set = attestorSet(nf);
    nf.finish();
    return new AttestorTrust.Nested(set, null);
  }

  static Rekor rekor(Fields f) {
    return new Rekor(f.string("url"), f.string("pubkey"), f.bool("ignoreTlog", false));
  }

  static CTLog ctlog(Fields f) {
    return new CTLog(f.string("pubkey"), f.bool("ignoreSCT", false), f.string("tsaCertChain"));
  }
}
