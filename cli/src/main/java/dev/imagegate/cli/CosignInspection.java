package dev.imagegate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.Manifest;
import dev.imagegate.oci.MediaTypes;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.Repository;
import dev.imagegate.trust.Certificates;
import dev.imagegate.trust.TrustMaterialException;
import java.io.IOException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The cosign signatures of an image for {@code imagegate inspect}, unverified: the layers of the
 * {@code sha256-<hex>.sig} / {@code .att} tags, and Sigstore bundle referrers (OCI 1.1 mode). For
 * each, what identifies the signer when the signature carries it: certificate subject and SANs, or
 * the bundle's key hint.
 */
final class CosignInspection {
  static final String CERTIFICATE = "dev.sigstore.cosign/certificate";
  static final String BUNDLE = "dev.sigstore.cosign/bundle";

  /** Bound on a Sigstore bundle read for inspection. */
  static final long MAX_BUNDLE_BYTES = 1024 * 1024;

  private final Repository repo;
  private final Digest digest;

  CosignInspection(Repository repo, Digest digest) {
    this.repo = repo;
    this.digest = digest;
  }

  void addTo(Tree root, ArrayNode json) throws RegistryException {
    for (String suffix : List.of("sig", "att")) {
      String tag = digest.tagForm() + "." + suffix;
      Optional<Manifest> m = repo.manifest(tag);
      if (m.isEmpty() || !(m.get().content() instanceof Manifest.ImageManifest im)) {
        continue;
      }
      Tree group =
          root.add(
              "cosign "
                  + (suffix.equals("sig") ? "signatures" : "attestations")
                  + " (tag "
                  + tag
                  + ")");
      for (Descriptor layer : im.layers()) {
        ObjectNode j = json.addObject();
        j.put("tag", tag);
        j.put("digest", layer.digest().toString());
        j.put("mediaType", layer.mediaType());
        Tree node = group.add(layer.digest().toString());
        node.add("media type: " + layer.mediaType());
        String pem = layer.annotations().get(CERTIFICATE);
        if (pem != null && !pem.isBlank()) {
          certificate(parsePem(pem), node, j);
        } else {
          node.add("signer: a key (the signature carries no certificate)");
        }
        node.add(
            "transparency log bundle: "
                + (layer.annotations().containsKey(BUNDLE) ? "present" : "absent"));
        j.put("tlogBundle", layer.annotations().containsKey(BUNDLE));
      }
    }
    bundles(root, json);
  }

  private void bundles(Tree root, ArrayNode json) throws RegistryException {
    Tree group = null;
    for (Descriptor d : repo.referrers(digest, null)) {
      if (d.artifactType() == null
          || !d.artifactType().startsWith(MediaTypes.SIGSTORE_BUNDLE_PREFIX)) {
        continue;
      }
      if (group == null) {
        group = root.add(d.artifactType());
      }
      Tree node = group.add(d.digest().toString());
      ObjectNode j = json.addObject();
      j.put("digest", d.digest().toString());
      j.put("mediaType", d.artifactType());
      Optional<Manifest> m = repo.manifest(d.digest().toString());
      if (m.isEmpty()
          || !(m.get().content() instanceof Manifest.ImageManifest im)
          || im.layers().size() != 1) {
        node.add("error: expected a manifest with one bundle layer");
        continue;
      }
      try {
        JsonNode material =
            JsonOutput.JSON
                .readTree(repo.blob(im.layers().get(0), MAX_BUNDLE_BYTES))
                .path("verificationMaterial");
        String hint = material.path("publicKey").path("hint").asText("");
        String raw =
            material
                .path("certificate")
                .path("rawBytes")
                .asText(
                    material
                        .path("x509CertificateChain")
                        .path("certificates")
                        .path(0)
                        .path("rawBytes")
                        .asText(""));
        if (!raw.isEmpty()) {
          certificate(Optional.of(Certificates.parse(Base64.getDecoder().decode(raw))), node, j);
        } else if (!hint.isEmpty()) {
          node.add("key id: " + hint);
          j.put("keyId", hint);
        } else {
          node.add("signer: a key (the bundle names no key id)");
        }
      } catch (IOException | IllegalArgumentException | TrustMaterialException e) {
        node.add("error: unreadable bundle: " + e.getMessage());
      }
    }
  }

  private static Optional<X509Certificate> parsePem(String pem) {
    try {
      return Certificates.parsePem(pem).stream().findFirst();
    } catch (TrustMaterialException e) {
      return Optional.empty();
    }
  }

  private static void certificate(Optional<X509Certificate> cert, Tree node, ObjectNode json) {
    if (cert.isEmpty()) {
      node.add("certificate: unreadable");
      return;
    }
    X509Certificate c = cert.get();
    String subject = c.getSubjectX500Principal().getName();
    node.add("certificate subject: " + (subject.isEmpty() ? "(empty)" : subject));
    json.put("certificateSubject", subject);
    List<String> sans = new ArrayList<>();
    try {
      if (c.getSubjectAlternativeNames() != null) {
        c.getSubjectAlternativeNames().forEach(san -> sans.add(String.valueOf(san.get(1))));
      }
    } catch (CertificateParsingException e) {
      sans.add("(unreadable: " + e.getMessage() + ")");
    }
    if (!sans.isEmpty()) {
      node.add("certificate identity: " + String.join(", ", sans));
      json.put("certificateIdentity", String.join(", ", sans));
    }
    node.add("certificate issuer: " + c.getIssuerX500Principal().getName());
    node.add("SHA256 fingerprint: " + Certificates.sha256Fingerprint(c));
  }
}
