package dev.imagegate.sigstore.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.trust.Dsse;
import dev.imagegate.trust.Pem;
import dev.imagegate.trust.TrustMaterialException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The claims of a Rekor entry body, reduced to what a verifier compares: the signatures it logged
 * (with the key or certificate of each), and the hashes it commits to. Supported types:
 * hashedrekord 0.0.1 / 0.0.2, rekord 0.0.1, intoto 0.0.1 / 0.0.2, dsse 0.0.1.
 *
 * @param artifactHash hashedrekord / rekord: hash of the signed artifact
 * @param payloadHash dsse / intoto: hash of the DSSE payload
 * @param envelopeHash dsse: hash of the envelope; intoto: the content hash
 */
public record RekorEntry(
    String kind,
    String version,
    List<LoggedSignature> signatures,
    @Nullable Hash artifactHash,
    @Nullable Hash payloadHash,
    @Nullable Hash envelopeHash) {

  static final int MAX_SIGNATURES = 16;

  /**
   * @param text the signature as the entry spells it (base64); {@code verifierDer} is certificate
   *     or SPKI DER
   */
  public record LoggedSignature(byte[] signature, String text, byte[] verifierDer) {}

  /**
   * @param jcaAlgorithm e.g. {@code SHA-256}
   */
  public record Hash(String jcaAlgorithm, byte[] value) {
    public String describe() {
      return Digests.ociName(jcaAlgorithm) + ":" + Digests.hex(value);
    }
  }

  public RekorEntry {
    signatures = List.copyOf(signatures);
  }

  public String kindVersion() {
    return kind + ":" + version;
  }

  /** Parses a canonicalized entry body; the failure message names the field at fault. */
  public static RekorEntry parse(byte[] body) throws Json.ShapeException {
    JsonNode n = Json.read(body, "tlog entry body");
    String kind = Json.text(n, "kind", "body");
    String version = Json.text(n, "apiVersion", "body");
    JsonNode spec = Json.object(n, "spec", "body");
    return switch (kind + ":" + version) {
      case "hashedrekord:0.0.1", "rekord:0.0.1" -> hashedRekordV1(kind, version, spec);
      case "hashedrekord:0.0.2" -> hashedRekordV2(spec);
      case "dsse:0.0.1" -> dsse(spec);
      case "intoto:0.0.2" -> intotoV2(spec);
      case "intoto:0.0.1" -> intotoV1(spec);
      default ->
          throw new Json.ShapeException(
              "unsupported tlog entry type '" + kind + ":" + version + "'");
    };
  }

  private static RekorEntry hashedRekordV1(String kind, String version, JsonNode spec)
      throws Json.ShapeException {
    JsonNode sig = Json.object(spec, "signature", "spec");
    String text = Json.text(sig, "content", "spec.signature");
    byte[] verifier =
        pem(
            Json.text(
                Json.object(sig, "publicKey", "spec.signature"),
                "content",
                "spec.signature.publicKey"));
    Hash hash =
        hexHash(
            Json.object(Json.object(spec, "data", "spec"), "hash", "spec.data"), "spec.data.hash");
    return new RekorEntry(
        kind,
        version,
        List.of(new LoggedSignature(Json.base64(text, "spec.signature.content"), text, verifier)),
        hash,
        null,
        null);
  }

  private static RekorEntry hashedRekordV2(JsonNode spec) throws Json.ShapeException {
    JsonNode v2 = Json.object(spec, "hashedRekordV002", "spec");
    JsonNode data = Json.object(v2, "data", "spec.hashedRekordV002");
    String alg = Digests.jcaName(Json.text(data, "algorithm", "data"));
    if (alg == null) {
      throw new Json.ShapeException(
          "unsupported hash algorithm '"
              + data.path("algorithm").asText()
              + "' in hashedrekord entry");
    }
    Hash hash = new Hash(alg, Json.base64(data, "digest", "data"));
    JsonNode sig = Json.object(v2, "signature", "spec.hashedRekordV002");
    String text = Json.text(sig, "content", "signature");
    JsonNode verifier = Json.object(sig, "verifier", "signature");
    byte[] der;
    if (verifier.hasNonNull("x509Certificate")) {
      der =
          Json.base64(
              Json.object(verifier, "x509Certificate", "verifier"),
              "rawBytes",
              "verifier.x509Certificate");
    } else {
      der =
          Json.base64(
              Json.object(verifier, "publicKey", "verifier"), "rawBytes", "verifier.publicKey");
    }
    return new RekorEntry(
        "hashedrekord",
        "0.0.2",
        List.of(new LoggedSignature(Json.base64(text, "signature.content"), text, der)),
        hash,
        null,
        null);
  }

  private static RekorEntry dsse(JsonNode spec) throws Json.ShapeException {
    List<LoggedSignature> sigs = new ArrayList<>();
    for (JsonNode s : array(spec, "signatures", "spec")) {
      String text = Json.text(s, "signature", "spec.signatures[]");
      sigs.add(
          new LoggedSignature(
              Json.base64(text, "spec.signatures[].signature"),
              text,
              pem(Json.text(s, "verifier", "spec.signatures[]"))));
    }
    return new RekorEntry(
        "dsse",
        "0.0.1",
        sigs,
        null,
        hexHash(Json.object(spec, "payloadHash", "spec"), "spec.payloadHash"),
        hexHash(Json.object(spec, "envelopeHash", "spec"), "spec.envelopeHash"));
  }

  /** intoto 0.0.2 stores each signature and key base64-encoded once more than the envelope does. */
  private static RekorEntry intotoV2(JsonNode spec) throws Json.ShapeException {
    JsonNode content = Json.object(spec, "content", "spec");
    JsonNode env = Json.object(content, "envelope", "spec.content");
    List<LoggedSignature> sigs = new ArrayList<>();
    for (JsonNode s : array(env, "signatures", "spec.content.envelope")) {
      byte[] once = Json.base64(s, "sig", "envelope.signatures[]");
      String inner = new String(once, StandardCharsets.ISO_8859_1);
      byte[] sig;
      try {
        sig =
            java.util.Base64.getDecoder()
                .decode(inner); // Rekor wraps the envelope's base64 signature once more
      } catch (IllegalArgumentException notTwice) {
        sig = once; // some writers store the signature encoded once
        inner = java.util.Base64.getEncoder().encodeToString(once);
      }
      sigs.add(
          new LoggedSignature(sig, inner, pem(Json.text(s, "publicKey", "envelope.signatures[]"))));
    }
    Hash payloadHash =
        content.hasNonNull("payloadHash")
            ? hexHash(content.get("payloadHash"), "spec.content.payloadHash")
            : null;
    return new RekorEntry(
        "intoto",
        "0.0.2",
        sigs,
        null,
        payloadHash,
        hexHash(Json.object(content, "hash", "spec.content"), "spec.content.hash"));
  }

  /** intoto 0.0.1 embeds the whole envelope as a JSON string and one public key for it. */
  private static RekorEntry intotoV1(JsonNode spec) throws Json.ShapeException {
    JsonNode content = Json.object(spec, "content", "spec");
    byte[] key = pem(Json.text(spec, "publicKey", "spec"));
    Dsse.Envelope env;
    try {
      env =
          Dsse.parse(
              Json.text(content, "envelope", "spec.content").getBytes(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new Json.ShapeException("intoto entry envelope: " + e.getMessage(), e);
    }
    List<LoggedSignature> sigs = new ArrayList<>();
    for (Dsse.Sig s : env.signatures()) {
      sigs.add(new LoggedSignature(s.sig(), s.sigBase64(), key));
    }
    Hash payloadHash = new Hash("SHA-256", Digests.sha256(env.payload()));
    return new RekorEntry(
        "intoto",
        "0.0.1",
        sigs,
        null,
        payloadHash,
        hexHash(Json.object(content, "hash", "spec.content"), "spec.content.hash"));
  }

  private static List<JsonNode> array(JsonNode parent, String field, String where)
      throws Json.ShapeException {
    JsonNode a = parent.get(field);
    if (a == null || !a.isArray() || a.isEmpty() || a.size() > MAX_SIGNATURES) {
      throw new Json.ShapeException(
          where + "." + field + " must be an array of 1 to " + MAX_SIGNATURES + " items");
    }
    List<JsonNode> out = new ArrayList<>();
    a.forEach(out::add);
    return out;
  }

  private static Hash hexHash(JsonNode h, String where) throws Json.ShapeException {
    String alg = Digests.jcaName(Json.text(h, "algorithm", where));
    if (alg == null) {
      throw new Json.ShapeException(
          where
              + ".algorithm '"
              + h.path("algorithm").asText()
              + "' is not sha256, sha384 or sha512");
    }
    try {
      return new Hash(alg, HexFormat.of().parseHex(Json.text(h, "value", where)));
    } catch (IllegalArgumentException e) {
      throw new Json.ShapeException(where + ".value is not hex", e);
    }
  }

  /** base64 of a PEM text (certificate or public key) to the DER of its first block. */
  private static byte[] pem(String base64Pem) throws Json.ShapeException {
    byte[] text = Json.base64(base64Pem, "verifier");
    try {
      List<Pem.Block> blocks = Pem.decode(text);
      if (blocks.isEmpty()) {
        throw new Json.ShapeException("verifier is not a PEM certificate or public key");
      }
      return blocks.get(0).der();
    } catch (TrustMaterialException e) {
      throw new Json.ShapeException("verifier PEM: " + e.getMessage(), e);
    }
  }
}
