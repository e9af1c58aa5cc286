package dev.imagegate.ivpol.convert.internal;

import dev.imagegate.policy.Attestor;
import dev.imagegate.policy.AttestorSet;
import dev.imagegate.policy.AttestorTrust;
import dev.imagegate.policy.CTLog;
import dev.imagegate.policy.ImageVerificationType;
import dev.imagegate.policy.KeySource;
import dev.imagegate.policy.Rekor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The attestors of one converted policy: each distinct legacy attestor entry becomes one named
 * ivpol attestor ({@code key}, {@code key2}, {@code keyless}, {@code certificate}, {@code notary}),
 * and attestor sets with {@code count} and nesting become count expressions over the verification
 * functions.
 */
final class Attestors {
  private final Map<String, String> nameByCanonical = new LinkedHashMap<>();
  private final Map<String, Y.Map> byName = new LinkedHashMap<>();
  private final ImageVerificationType type;
  private final @Nullable String repository;
  private final Variables.Roots roots;

  Attestors(ImageVerificationType type, @Nullable String repository, Variables.Roots roots) {
    this.type = type;
    this.repository = repository;
    this.roots = roots;
  }

  Y.Seq yaml() {
    Y.Seq s = Y.seq();
    byName.values().forEach(s::add);
    return s;
  }

  /**
   * CEL that holds when the set is satisfied: {@code count} (default all) of its entries verify, a
   * nested set counting as one entry.
   *
   * @param call the verification call over a list of {@code attestors.x} names
   */
  String set(AttestorSet set, Function<String, String> call) throws Unconvertible {
    List<String> leaves = new ArrayList<>();
    List<String> nested = new ArrayList<>();
    for (Attestor a : set.entries()) {
      if (a.trust() instanceof AttestorTrust.Nested n) {
        if (n.set() == null) {
          throw new Unconvertible(
              "nested attestor given as a variable ("
                  + n.unresolved()
                  + ") is resolved per request in Kyverno; ivpol attestors are static");
        }
        nested.add("(" + set(n.set(), call) + " ? 1 : 0)");
      } else {
        leaves.add("attestors." + name(a));
      }
    }
    List<String> terms = new ArrayList<>();
    if (!leaves.isEmpty()) {
      terms.add(call.apply("[" + String.join(", ", leaves) + "]"));
    }
    terms.addAll(nested);
    int required = set.required();
    String sum = String.join(" + ", terms);
    return required == 1 ? sum + " > 0" : sum + " >= " + required;
  }

  /** The name of the ivpol attestor for a legacy entry, declaring it on first use. */
  String name(Attestor a) throws Unconvertible {
    Y.Map body = Y.map();
    String base;
    switch (a.trust()) {
      case AttestorTrust.Keys k -> {
        base = "key";
        Y.Map cosign = Y.map();
        Y.Map key = Y.map();
        switch (k.source()) {
          case KeySource.Pem p -> key.put("data", Y.str(p.pem().strip()));
          case KeySource.Kms kms -> key.put("kms", kms.uri());
          case KeySource.Secret s ->
              throw new Unconvertible(
                  "key from Secret "
                      + s.namespace()
                      + "/"
                      + s.name()
                      + ": ivpol keys are inline, kms, or an expression");
          case KeySource.Unresolved u -> key.put("expression", Y.str(keyExpression(u.text())));
        }
        if (k.signatureAlgorithm() != null
            && !k.signatureAlgorithm().isEmpty()
            && !k.signatureAlgorithm().equalsIgnoreCase("sha256")) {
          key.put("hashAlgorithm", k.signatureAlgorithm());
        }
        cosign.put("key", key);
        ctlog(cosign, k.rekor(), k.ctlog());
        common(cosign, a);
        if (type == ImageVerificationType.NOTARY) {
          throw new Unconvertible("a key attestor in a Notary rule (Notary verifies certificates)");
        }
        body.put("cosign", cosign);
      }
      case AttestorTrust.Certificates c -> {
        if (type == ImageVerificationType.NOTARY) {
          base = "notary";
          Y.Map notary = Y.map();
          notary.put("certs", valueOrExpression(join(c.cert(), c.certChain())));
          body.put("notary", notary);
        } else {
          base = "certificate";
          Y.Map cosign = Y.map();
          Y.Map cert = Y.map();
          if (c.cert() != null) {
            cert.put("cert", valueOrExpression(c.cert()));
          }
          if (c.certChain() != null) {
            cert.put("certChain", valueOrExpression(c.certChain()));
          }
          cosign.put("certificate", cert);
          ctlog(cosign, c.rekor(), c.ctlog());
          common(cosign, a);
          body.put("cosign", cosign);
        }
      }
      case AttestorTrust.Keyless k -> {
        base = "keyless";
        for (String f :
            new String[] {k.subject(), k.issuer(), k.subjectRegExp(), k.issuerRegExp()}) {
          if (f != null && Variables.hasVariables(f)) {
            throw new Unconvertible(
                "keyless identity with variables ("
                    + f
                    + "): ivpol identities are static"
                    + " (subjectExpression covers the subject only)");
          }
        }
        Y.Map cosign = Y.map();
        Y.Map keyless = Y.map();
        Y.Map id = Y.map();
        identity(id, "issuer", k.issuer(), k.issuerRegExp());
        identity(id, "subject", k.subject(), k.subjectRegExp());
        if (id.isEmpty()) {
          // Kyverno verifies a keyless entry without identity (and an attestation without
          // attestors) against any identity of the public-good Fulcio.
          id.put("issuerRegExp", ".*").put("subjectRegExp", ".*");
        }
        keyless.put("identities", Y.seq().add(id));
        if (k.roots() != null && !k.roots().isBlank()) {
          keyless.put("roots", Y.str(k.roots().strip()));
        }
        if (!k.additionalExtensions().isEmpty()) {
          Y.Map ext = Y.map();
          new TreeMap<>(k.additionalExtensions()).forEach(ext::put);
          keyless.put("additionalExtensions", ext);
        }
        cosign.put("keyless", keyless);
        ctlog(cosign, k.rekor(), k.ctlog());
        common(cosign, a);
        body.put("cosign", cosign);
      }
      case AttestorTrust.Nested n -> throw new IllegalStateException("nested sets are expressions");
    }
    String canonical = YamlWriter.write(body);
    String known = nameByCanonical.get(canonical);
    if (known != null) {
      return known;
    }
    String name = base;
    for (int i = 2; byName.containsKey(name); i++) {
      name = base + i;
    }
    Y.Map named = Y.map().put("name", name);
    body.entries.forEach(e -> named.put(e.key(), e.value(), e.comment()));
    nameByCanonical.put(canonical, name);
    byName.put(name, named);
    return name;
  }

  /** Kyverno's StringOrExpression: text with variables becomes a CEL expression. */
  private Y.Map valueOrExpression(String text) throws Unconvertible {
    String t = text.strip();
    return Variables.hasVariables(t)
        ? Y.map().put("expression", Y.str(Variables.text(t, roots, true)))
        : Y.map().put("value", Y.str(t));
  }

  private String keyExpression(String text) throws Unconvertible {
    return Variables.text(text, roots, true);
  }

  private static String join(@Nullable String a, @Nullable String b) {
    StringBuilder s = new StringBuilder();
    if (a != null && !a.isBlank()) {
      s.append(a.strip()).append('\n');
    }
    if (b != null && !b.isBlank()) {
      s.append(b.strip()).append('\n');
    }
    return s.toString().strip();
  }

  private static void identity(
      Y.Map id, String field, @Nullable String exact, @Nullable String regexp) {
    if (exact != null && !exact.isEmpty()) {
      if (Cel.hasWildcard(exact)) {
        // Kyverno matches subject and issuer as wildcards; ivpol's exact fields do not.
        id.put(field + "RegExp", Cel.wildcardRegex(exact));
      } else {
        id.put(field, exact);
      }
    } else if (regexp != null && !regexp.isEmpty()) {
      id.put(field + "RegExp", regexp);
    }
  }

  private void ctlog(Y.Map cosign, @Nullable Rekor rekor, @Nullable CTLog ct) {
    Y.Map c = Y.map();
    if (rekor != null) {
      if (rekor.url() != null && !rekor.url().isEmpty()) {
        c.put("url", rekor.url());
      }
      if (rekor.pubkey() != null && !rekor.pubkey().isEmpty()) {
        c.put("rekorPubKey", Y.str(rekor.pubkey().strip()));
      }
    }
    if (ct != null) {
      if (ct.pubkey() != null && !ct.pubkey().isEmpty()) {
        c.put("ctLogPubKey", Y.str(ct.pubkey().strip()));
      }
      if (ct.tsaCertChain() != null && !ct.tsaCertChain().isEmpty()) {
        c.put("tsaCertChain", Y.str(ct.tsaCertChain().strip()));
      }
    }
    if (rekor != null && rekor.ignoreTlog()) {
      c.put("insecureIgnoreTlog", Y.bool(true));
    }
    if (ct != null && ct.ignoreSCT()) {
      c.put("insecureIgnoreSCT", Y.bool(true));
    }
    if (!c.isEmpty()) {
      cosign.put("ctlog", c);
    }
  }

  private void common(Y.Map cosign, Attestor a) {
    String repo = a.repository() != null && !a.repository().isEmpty() ? a.repository() : repository;
    if (repo != null && !repo.isEmpty()) {
      cosign.put("source", Y.map().put("repository", repo));
    }
    if (!a.annotations().isEmpty()) {
      Y.Map ann = Y.map();
      new TreeMap<>(a.annotations()).forEach(ann::put);
      cosign.put("annotations", ann);
    }
  }
}
