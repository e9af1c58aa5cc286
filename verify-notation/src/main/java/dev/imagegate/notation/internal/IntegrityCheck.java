package dev.imagegate.notation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.base.Result;
import dev.imagegate.base.UntrustedJson;
import dev.imagegate.notation.ArtifactDescriptor;
import dev.imagegate.trust.Signatures;
import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.jspecify.annotations.Nullable;

/**
 * The integrity step: the envelope parses, its signature verifies with the leaf key, the algorithm
 * is the one the leaf key implies, the chain meets the certificate requirements (without time), the
 * content type is the Notary payload and the payload decodes.
 */
public final class IntegrityCheck {
  private static final ObjectMapper JSON = UntrustedJson.mapper();

  /** A verified envelope with its decoded payload. */
  public record Verified(Envelope envelope, ArtifactDescriptor payload) {}

  private IntegrityCheck() {}

  /** The verified envelope and payload, or why integrity failed. */
  public static Result<Verified> verify(Envelope env) {
    PublicKey key = env.leaf().getPublicKey();
    NotaryAlgorithm keyAlg = NotaryAlgorithm.fromKey(key);
    if (keyAlg == null) {
      return fail(
          "signing certificate key is not usable: " + NotaryAlgorithm.describeUnsupported(key));
    }
    if (keyAlg != env.algorithm()) {
      return fail(
          "signature algorithm "
              + env.algorithm().jwsName()
              + " in the protected header does not match the"
              + " signing key, which requires "
              + keyAlg.jwsName());
    }
    if (!signatureValid(env, key)) {
      return fail(
          "signature is invalid: "
              + env.algorithm().displayName()
              + " signature does not verify with the key of"
              + " \""
              + CertificateRules.subject(env.leaf())
              + "\"");
    }
    Optional<String> chain =
        CertificateRules.validateChain(env.chain(), CertificateRules.Purpose.CODE_SIGNING, null);
    if (chain.isPresent()) {
      return fail("certificate chain is invalid: " + chain.get());
    }
    String cty = env.signed().contentType();
    if (!SignedAttributes.PAYLOAD_CONTENT_TYPE.equals(cty)) {
      return fail(
          "payload content type \""
              + cty
              + "\" not supported (expected "
              + SignedAttributes.PAYLOAD_CONTENT_TYPE
              + ")");
    }
    return payload(env);
  }

  private static boolean signatureValid(Envelope env, PublicKey key) {
    NotaryAlgorithm alg = env.algorithm();
    if (alg.isRsa()) {
      return Signatures.verifyRsaPss(key, alg.hash(), env.signingInput(), env.signature());
    }
    byte[] der = rawToDer(env.signature(), alg.ecdsaHalfLength());
    return der != null && Signatures.verify(key, alg.hash(), env.signingInput(), der);
  }

  /**
   * JWS and COSE carry ECDSA signatures as fixed-width r||s; JCA wants an ASN.1 SEQUENCE of two
   * INTEGERs.
   */
  static byte @Nullable [] rawToDer(byte[] raw, int half) {
    if (raw.length != 2 * half) {
      return null;
    }
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 0, half))));
    v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, half, raw.length))));
    try {
      return new DERSequence(v).getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Result<Verified> payload(Envelope env) {
    JsonNode root;
    try {
      root = JSON.readTree(env.payload());
    } catch (IOException e) {
      return fail("payload is not valid JSON");
    }
    JsonNode t = root == null ? null : root.get("targetArtifact");
    if (t == null || !t.isObject()) {
      return fail("payload has no targetArtifact object");
    }
    JsonNode mediaType = t.get("mediaType");
    JsonNode digest = t.get("digest");
    JsonNode size = t.get("size");
    if (mediaType == null
        || !mediaType.isTextual()
        || digest == null
        || !digest.isTextual()
        || size == null
        || !size.canConvertToLong()
        || !size.isIntegralNumber()
        || size.asLong() < 0) {
      return fail(
          "payload targetArtifact must have a string mediaType, a string digest and a non-negative integer size");
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    JsonNode a = t.get("annotations");
    if (a != null && !a.isNull()) {
      if (!a.isObject()) {
        return fail("payload targetArtifact annotations must be an object of strings");
      }
      for (var it = a.fields(); it.hasNext(); ) {
        var e = it.next();
        if (!e.getValue().isTextual()) {
          return fail("payload targetArtifact annotation \"" + e.getKey() + "\" is not a string");
        }
        annotations.put(e.getKey(), e.getValue().asText());
      }
    }
    return Result.ok(
        new Verified(
            env,
            new ArtifactDescriptor(
                mediaType.asText(), digest.asText(), size.asLong(), annotations)));
  }

  private static Result<Verified> fail(String reason) {
    return Result.err(reason);
  }
}
