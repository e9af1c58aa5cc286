package dev.imagegate.sigstore.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.sigstore.BundleFormatException;
import dev.imagegate.sigstore.SigstoreBundle;
import dev.imagegate.sigstore.TlogEntry;
import dev.imagegate.trust.Crypto;
import dev.imagegate.trust.Dsse;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the protobuf-JSON form of a Sigstore bundle into {@link SigstoreBundle}, checking structure
 * and bounds.
 */
public final class BundleParser {
  static final int MAX_CERTIFICATES = 10;
  static final int MAX_TLOG_ENTRIES = 32;
  static final int MAX_TIMESTAMPS = 32;
  static final int MAX_PROOF_HASHES = 64;

  private static final Map<String, SigstoreBundle.Version> MEDIA_TYPES =
      Map.of(
          "application/vnd.dev.sigstore.bundle+json;version=0.1", SigstoreBundle.Version.V0_1,
          "application/vnd.dev.sigstore.bundle+json;version=0.2", SigstoreBundle.Version.V0_2,
          "application/vnd.dev.sigstore.bundle+json;version=0.3", SigstoreBundle.Version.V0_3,
          "application/vnd.dev.sigstore.bundle.v0.3+json", SigstoreBundle.Version.V0_3);

  private BundleParser() {}

  public static SigstoreBundle parse(byte[] json) throws BundleFormatException {
    if (json.length > SigstoreBundle.MAX_BYTES) {
      throw new BundleFormatException(
          "bundle is " + json.length + " bytes, more than the limit " + SigstoreBundle.MAX_BYTES);
    }
    try {
      return parse(Json.read(json, "bundle"));
    } catch (Json.ShapeException e) {
      throw new BundleFormatException("malformed bundle: " + e.getMessage(), e);
    }
  }

  private static SigstoreBundle parse(JsonNode root)
      throws Json.ShapeException, BundleFormatException {
    if (!root.isObject()) {
      throw new Json.ShapeException("bundle is not a JSON object");
    }
    String mediaType = Json.text(root, "mediaType", "bundle");
    SigstoreBundle.Version version = MEDIA_TYPES.get(mediaType);
    if (version == null) {
      throw new BundleFormatException(
          "unsupported bundle media type '"
              + Json.abbreviate(mediaType)
              + "' (expected "
              + String.join(", ", MEDIA_TYPES.keySet().stream().sorted().toList())
              + ")");
    }
    JsonNode vm = Json.object(root, "verificationMaterial", "bundle");
    List<X509Certificate> certs = new ArrayList<>();
    String hint = null;
    int materials = 0;
    if (vm.has("certificate")) {
      materials++;
      certs.add(
          certificate(
              Json.object(vm, "certificate", "verificationMaterial"),
              "verificationMaterial.certificate"));
    }
    if (vm.has("x509CertificateChain")) {
      materials++;
      JsonNode list =
          Json.object(vm, "x509CertificateChain", "verificationMaterial").get("certificates");
      if (list == null || !list.isArray() || list.isEmpty()) {
        throw new BundleFormatException(
            "bundle x509CertificateChain is empty: a certificate chain needs at least the signing certificate");
      }
      if (list.size() > MAX_CERTIFICATES) {
        throw new BundleFormatException(
            "bundle certificate chain has "
                + list.size()
                + " certificates, more than "
                + MAX_CERTIFICATES);
      }
      for (int i = 0; i < list.size(); i++) {
        certs.add(certificate(list.get(i), "x509CertificateChain.certificates[" + i + "]"));
      }
    }
    if (vm.has("publicKey")) {
      materials++;
      JsonNode pk = Json.object(vm, "publicKey", "verificationMaterial");
      hint = pk.path("hint").asText("");
    }
    if (materials != 1) {
      throw new BundleFormatException(
          "bundle verificationMaterial must hold exactly one of certificate, x509CertificateChain, publicKey; found "
              + materials);
    }
    List<TlogEntry> entries = tlogEntries(vm);
    List<byte[]> timestamps = timestamps(vm);
    SigstoreBundle.Content content = content(root);
    return new SigstoreBundle(mediaType, version, certs, hint, entries, timestamps, content);
  }

  private static X509Certificate certificate(JsonNode n, String where)
      throws Json.ShapeException, BundleFormatException {
    byte[] der = Json.base64(n, "rawBytes", where);
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException jdk) {
      // The JDK parser judges SAN syntax and refuses, for example, a URI SAN without a scheme,
      // which Go (cosign,
      // sigstore-go) and sigstore-js accept (the @sigstore/mock Fulcio writes email subjects that
      // way). Bouncy Castle
      // parses the structure only; SANs are read from the raw extension anyway (FulcioCertificate),
      // and the path,
      // identity and SCT checks that follow are the same.
      try {
        return (X509Certificate)
            CertificateFactory.getInstance("X.509", Crypto.provider())
                .generateCertificate(new ByteArrayInputStream(der));
      } catch (CertificateException | RuntimeException bc) {
        throw new BundleFormatException(
            where + " is not a valid X.509 certificate: " + jdk.getMessage(), jdk);
      }
    }
  }

  private static List<TlogEntry> tlogEntries(JsonNode vm)
      throws Json.ShapeException, BundleFormatException {
    JsonNode list = vm.get("tlogEntries");
    if (list == null || list.isNull()) {
      return List.of();
    }
    checkBoundedArray(
        list, "verificationMaterial.tlogEntries", "bundle", "tlog entries", MAX_TLOG_ENTRIES);
    List<TlogEntry> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(tlogEntry(list.get(i), "tlogEntries[" + i + "]"));
    }
    return out;
  }

  private static TlogEntry tlogEntry(JsonNode e, String where)
      throws Json.ShapeException, BundleFormatException {
    // proto3 JSON omits fields that hold their default: a missing int64 is 0 (the first entry of a
    // log, index 0).
    long logIndex = Json.int64(e, "logIndex", where, 0);
    if (logIndex < 0) {
      throw new BundleFormatException(where + ".logIndex is negative (" + logIndex + ")");
    }
    byte[] logId = Json.base64(Json.object(e, "logId", where), "keyId", where + ".logId");
    JsonNode kv = Json.object(e, "kindVersion", where);
    String kind = Json.text(kv, "kind", where + ".kindVersion");
    String version = Json.text(kv, "version", where + ".kindVersion");
    long integratedTime = Json.int64(e, "integratedTime", where, 0);
    if (integratedTime < 0) {
      throw new BundleFormatException(where + ".integratedTime is negative");
    }
    byte[] set = null;
    if (e.hasNonNull("inclusionPromise")) {
      set =
          Json.base64(
              Json.object(e, "inclusionPromise", where),
              "signedEntryTimestamp",
              where + ".inclusionPromise");
    }
    TlogEntry.InclusionProof proof = null;
    if (e.hasNonNull("inclusionProof")) {
      proof = inclusionProof(Json.object(e, "inclusionProof", where), where + ".inclusionProof");
    }
    byte[] body = Json.base64(e, "canonicalizedBody", where);
    return new TlogEntry(logIndex, logId, kind, version, integratedTime, set, proof, body);
  }

  private static TlogEntry.InclusionProof inclusionProof(JsonNode p, String where)
      throws Json.ShapeException, BundleFormatException {
    // proto3 JSON omits zero values: a proof for leaf 0 has no logIndex. A tree of size 0 has no
    // leaf to prove.
    long index = Json.int64(p, "logIndex", where, 0);
    long size = Json.int64(p, "treeSize", where, 0);
    if (index < 0 || size <= 0 || index >= size) {
      throw new BundleFormatException(
          where
              + " has an invalid logIndex/treeSize ("
              + index
              + "/"
              + size
              + "): the index must"
              + " lie in the tree");
    }
    byte[] root = Json.base64(p, "rootHash", where);
    JsonNode hashes = p.path("hashes");
    if (!hashes.isMissingNode()) {
      checkBoundedArray(hashes, where + ".hashes", where, "hashes", MAX_PROOF_HASHES);
    }
    List<byte[]> hs = new ArrayList<>();
    for (int i = 0; i < hashes.size(); i++) {
      if (!hashes.get(i).isTextual()) {
        throw new Json.ShapeException(where + ".hashes[" + i + "] is not a string");
      }
      hs.add(Json.base64(hashes.get(i).asText(), where + ".hashes[" + i + "]"));
    }
    // Early v0.1 bundles carry proofs without a checkpoint; the verifier decides whether that is
    // enough.
    String checkpoint =
        p.hasNonNull("checkpoint")
            ? Json.text(Json.object(p, "checkpoint", where), "envelope", where + ".checkpoint")
            : null;
    return new TlogEntry.InclusionProof(index, root, size, hs, checkpoint);
  }

  private static List<byte[]> timestamps(JsonNode vm)
      throws Json.ShapeException, BundleFormatException {
    JsonNode tvd = vm.get("timestampVerificationData");
    if (tvd == null || tvd.isNull()) {
      return List.of();
    }
    JsonNode list = tvd.path("rfc3161Timestamps");
    if (list.isMissingNode()) {
      return List.of();
    }
    checkBoundedArray(
        list,
        "timestampVerificationData.rfc3161Timestamps",
        "bundle",
        "RFC 3161 timestamps",
        MAX_TIMESTAMPS);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(Json.base64(list.get(i), "signedTimestamp", "rfc3161Timestamps[" + i + "]"));
    }
    return out;
  }

  private static SigstoreBundle.Content content(JsonNode root)
      throws Json.ShapeException, BundleFormatException {
    boolean ms = root.hasNonNull("messageSignature");
    boolean dsse = root.hasNonNull("dsseEnvelope");
    if (ms == dsse) {
      throw new BundleFormatException(
          "bundle must hold exactly one of messageSignature and dsseEnvelope");
    }
    if (ms) {
      JsonNode m = Json.object(root, "messageSignature", "bundle");
      byte[] sig = Json.base64(m, "signature", "messageSignature");
      String alg = null;
      byte[] digest = null;
      if (m.hasNonNull("messageDigest")) {
        JsonNode d = Json.object(m, "messageDigest", "messageSignature");
        alg = Json.text(d, "algorithm", "messageSignature.messageDigest");
        digest = Json.base64(d, "digest", "messageSignature.messageDigest");
      }
      return new SigstoreBundle.MessageSignature(alg, digest, sig);
    }
    try {
      return new SigstoreBundle.DsseEnvelope(Dsse.fromJson(root.get("dsseEnvelope")));
    } catch (IllegalArgumentException e) {
      throw new BundleFormatException("malformed bundle dsseEnvelope: " + e.getMessage(), e);
    }
  }

  /**
   * {@code list} must be an array (else a shape error naming it by {@code path}) of at most {@code
   * max} {@code items} (else a format error saying how many {@code holder} has).
   */
  private static void checkBoundedArray(
      JsonNode list, String path, String holder, String items, int max)
      throws Json.ShapeException, BundleFormatException {
    if (!list.isArray()) {
      throw new Json.ShapeException(path + " is not an array");
    }
    if (list.size() > max) {
      throw new BundleFormatException(
          holder + " has " + list.size() + " " + items + ", more than " + max);
    }
  }
}
