package dev.imagegate.sigstore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.sigstore.internal.EntryMatcher;
import dev.imagegate.sigstore.internal.Json;
import dev.imagegate.sigstore.internal.RekorEntry;
import dev.imagegate.sigstore.internal.TlogVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Verifies the legacy cosign {@code dev.sigstore.cosign/bundle} annotation, {@code
 * {"SignedEntryTimestamp": b64, "Payload": {"body", "integratedTime", "logIndex", "logID"}}}, as
 * cosign's {@code VerifyBundle} does: the SET with the Rekor key chosen by {@code logID} (ECDSA
 * only on this path), the integrated time inside that key's validity, and the logged entry against
 * the layer (signature string, key or certificate DER, sha256 of the blob). The integrated time it
 * returns becomes the signing time for the certificate checks.
 */
public final class RekorSetVerifier {
  private static final int MAX_BYTES = 1024 * 1024;

  private RekorSetVerifier() {}

  /**
   * @param signatureB64 the {@code dev.cosignproject.cosign/signature} annotation (empty on
   *     attestation layers)
   * @param payload the layer blob (simple-signing payload or DSSE envelope)
   */
  public static Check<VerifiedLogEntry> verify(
      String annotationBundleJson,
      String signatureB64,
      byte[] payload,
      Signer signer,
      TrustedRoot trust) {
    byte[] json = annotationBundleJson.getBytes(StandardCharsets.UTF_8);
    if (json.length > MAX_BYTES) {
      return Check.failed(
          "cosign bundle annotation is " + json.length + " bytes, more than " + MAX_BYTES);
    }
    String bodyB64;
    long integratedTime;
    long logIndex;
    byte[] logId;
    byte[] set;
    try {
      JsonNode root = Json.read(json, "cosign bundle annotation");
      set = Json.base64(root, "SignedEntryTimestamp", "bundle");
      JsonNode p = Json.object(root, "Payload", "bundle");
      bodyB64 = Json.text(p, "body", "Payload");
      integratedTime = Json.int64(p, "integratedTime", "Payload", -1);
      logIndex = Json.int64(p, "logIndex", "Payload", -1);
      logId = HexFormat.of().parseHex(Json.text(p, "logID", "Payload"));
    } catch (Json.ShapeException | IllegalArgumentException e) {
      return Check.failed("malformed cosign bundle annotation: " + e.getMessage());
    }
    if (integratedTime < 0 || logIndex < 0) {
      return Check.failed(
          "cosign bundle annotation has a missing or negative integratedTime/logIndex");
    }
    TransparencyLog log = trust.tlog(logId).orElse(null);
    if (log == null) {
      return Check.failed(
          "cosign bundle annotation names Rekor log "
              + HexFormat.of().formatHex(logId)
              + ", which is not a trusted transparency log (trusted: "
              + trust.tlogs().stream().map(TransparencyLog::logIdHex).toList()
              + ")");
    }
    if (!log.publicKey().getAlgorithm().equals("EC")
        && !log.publicKey().getAlgorithm().equals("ECDSA")) {
      return Check.failed(
          "Rekor log "
              + log.logIdHex()
              + " has a "
              + log.publicKey().getAlgorithm()
              + " key; cosign bundle annotations need an ECDSA log key");
    }
    Check<Instant> t = TlogVerifier.verifySet(log, bodyB64, integratedTime, logIndex, set);
    if (!t.isPassed()) {
      return Check.failed(t.reasons());
    }
    RekorEntry entry;
    try {
      entry = RekorEntry.parse(Json.base64(bodyB64, "Payload.body"));
    } catch (Json.ShapeException e) {
      return Check.failed("cosign bundle annotation body: " + e.getMessage());
    }
    List<String> mismatches = EntryMatcher.matchLegacy(entry, signatureB64, payload, signer);
    if (!mismatches.isEmpty()) {
      return Check.failed(mismatches);
    }
    return Check.passed(
        new VerifiedLogEntry(t.value(), logIndex, log.logIdHex(), entry.kindVersion()));
  }
}
