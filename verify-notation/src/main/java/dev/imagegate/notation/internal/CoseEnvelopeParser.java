package dev.imagegate.notation.internal;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code COSE_Sign1_Tagged} as the Notary COSE envelope specification restricts it (RFC 9052). */
final class CoseEnvelopeParser {
  private static final int TAG_SIGN1 = 18;
  private static final int LABEL_ALG = 1;
  private static final int LABEL_CRIT = 2;
  private static final int LABEL_CONTENT_TYPE = 3;
  private static final int LABEL_X5CHAIN = 33;

  private CoseEnvelopeParser() {}

  static Envelope parse(byte[] bytes) throws InvalidEnvelopeException {
    CBORObject root;
    try {
      root = CBORObject.DecodeFromBytes(bytes);
    } catch (CBORException e) {
      throw new InvalidEnvelopeException("envelope is not valid CBOR: " + e.getMessage());
    }
    if (!root.isTagged() || !root.HasMostOuterTag(TAG_SIGN1) || root.getTagCount() != 1) {
      throw new InvalidEnvelopeException(
          "envelope is not a COSE_Sign1_Tagged object (CBOR tag 18 required)");
    }
    CBORObject msg = root.UntagOne();
    if (msg.getType() != CBORType.Array || msg.size() != 4) {
      throw new InvalidEnvelopeException("COSE_Sign1 must be an array of 4 elements");
    }
    byte[] protectedBytes = byteString(msg.get(0), "protected header");
    CBORObject unprotected = msg.get(1);
    if (unprotected.getType() != CBORType.Map) {
      throw new InvalidEnvelopeException("unprotected header is not a map");
    }
    if (msg.get(2).isNull()) {
      throw new InvalidEnvelopeException("detached payloads are not supported");
    }
    byte[] payload = byteString(msg.get(2), "payload");
    byte[] signature = byteString(msg.get(3), "signature");
    if (signature.length == 0) {
      throw new InvalidEnvelopeException("signature is empty");
    }
    if (payload.length > EnvelopeLimits.MAX_PAYLOAD_BYTES) {
      throw new InvalidEnvelopeException(
          "payload is " + payload.length + " bytes, more than the limit");
    }
    if (protectedBytes.length == 0) {
      throw new InvalidEnvelopeException("protected header is empty");
    }
    CBORObject header;
    try {
      header = CBORObject.DecodeFromBytes(protectedBytes);
    } catch (CBORException e) {
      throw new InvalidEnvelopeException("protected header is not valid CBOR: " + e.getMessage());
    }
    if (header.getType() != CBORType.Map) {
      throw new InvalidEnvelopeException("protected header is not a map");
    }
    CBORObject algObj = header.get(CBORObject.FromObject(LABEL_ALG));
    NotaryAlgorithm alg =
        algObj != null && algObj.isNumber() && algObj.AsNumber().CanFitInInt32()
            ? NotaryAlgorithm.fromCose(algObj.AsInt32Value())
            : null;
    if (alg == null) {
      throw new InvalidEnvelopeException(
          "signature algorithm "
              + algObj
              + " is not supported"
              + " (expected -37, -38, -39, -7, -35 or -36)");
    }
    Map<String, Object> presence = new LinkedHashMap<>();
    for (CBORObject k : header.getKeys()) {
      presence.put(labelText(k), Boolean.TRUE);
    }
    SignedAttributes signed = signedAttributes(header);
    EnvelopeParser.checkSignedAttributes(signed, presence);

    CBORObject chain = unprotected.get(CBORObject.FromObject(LABEL_X5CHAIN));
    if (chain == null || chain.getType() != CBORType.Array) {
      throw new InvalidEnvelopeException(
          "unprotected header has no x5chain (label 33) certificate array");
    }
    List<byte[]> ders = new ArrayList<>();
    for (int i = 0; i < chain.size() && i <= EnvelopeLimits.MAX_CHAIN_CERTIFICATES; i++) {
      ders.add(byteString(chain.get(i), "x5chain entry"));
    }
    CBORObject ts = unprotected.get(CBORObject.FromObject(SignedAttributes.TIMESTAMP_SIGNATURE));
    byte[] timestamp = ts == null ? null : byteString(ts, SignedAttributes.TIMESTAMP_SIGNATURE);
    CBORObject agent = unprotected.get(CBORObject.FromObject(SignedAttributes.SIGNING_AGENT));
    String agentText =
        agent != null && agent.getType() == CBORType.TextString ? agent.AsString() : null;

    byte[] signingInput =
        CBORObject.NewArray()
            .Add("Signature1")
            .Add(protectedBytes)
            .Add(new byte[0])
            .Add(payload)
            .EncodeToBytes();
    return new Envelope(
        EnvelopeParser.COSE,
        alg,
        signed,
        payload,
        signingInput,
        signature,
        EnvelopeParser.certificates(ders),
        timestamp,
        agentText);
  }

  private static SignedAttributes signedAttributes(CBORObject h) throws InvalidEnvelopeException {
    CBORObject crit = h.get(CBORObject.FromObject(LABEL_CRIT));
    if (crit == null) {
      throw new InvalidEnvelopeException("missing crit (label 2) in the protected header");
    }
    if (crit.getType() != CBORType.Array || crit.size() == 0) {
      throw new InvalidEnvelopeException("crit (label 2) must be a non-empty array");
    }
    List<String> critical = new ArrayList<>();
    for (int i = 0; i < crit.size(); i++) {
      CBORObject c = crit.get(i);
      if (c.isNumber()
          && c.AsNumber().CanFitInInt32()
          && c.AsInt32Value() >= 0
          && c.AsInt32Value() <= 8) {
        throw new InvalidEnvelopeException(
            "crit must not list the registered label " + c.AsInt32Value());
      }
      critical.add(labelText(c));
    }
    Map<String, String> extended = new LinkedHashMap<>();
    for (CBORObject k : h.getKeys()) {
      String label = labelText(k);
      boolean registered =
          k.isNumber()
              && k.AsNumber().CanFitInInt32()
              && k.AsInt32Value() >= 0
              && k.AsInt32Value() <= 8;
      if (!registered && !SignedAttributes.KNOWN_NOTARY.contains(label)) {
        CBORObject v = h.get(k);
        extended.put(label, v.getType() == CBORType.TextString ? v.AsString() : v.toString());
      }
    }
    CBORObject cty = h.get(CBORObject.FromObject(LABEL_CONTENT_TYPE));
    String contentType =
        cty == null ? null : cty.getType() == CBORType.TextString ? cty.AsString() : cty.toString();
    return SignedAttributes.read(
        contentType, name -> text(h, name), name -> time(h, name), extended, critical);
  }

  private static String labelText(CBORObject label) {
    return label.getType() == CBORType.TextString ? label.AsString() : label.toString();
  }

  private static @Nullable String text(CBORObject h, String name) throws InvalidEnvelopeException {
    CBORObject v = h.get(CBORObject.FromObject(name));
    if (v == null) {
      return null;
    }
    if (v.getType() != CBORType.TextString) {
      throw new InvalidEnvelopeException("signed attribute " + name + " must be a text string");
    }
    return v.AsString();
  }

  /**
   * Times are CBOR tag 1 with an integer epoch; notation-core-go rejects every other time encoding.
   */
  private static @Nullable Instant time(CBORObject h, String name) throws InvalidEnvelopeException {
    CBORObject v = h.get(CBORObject.FromObject(name));
    if (v == null) {
      return null;
    }
    if (!v.HasMostOuterTag(1) || v.getTagCount() != 1) {
      throw new InvalidEnvelopeException(
          "signed attribute " + name + " must be a CBOR tag 1 date-time");
    }
    CBORObject n = v.UntagOne();
    if (!n.isNumber() || !n.AsNumber().IsInteger() || !n.AsNumber().CanFitInInt64()) {
      throw new InvalidEnvelopeException(
          "signed attribute " + name + " must be an integer epoch time");
    }
    return Instant.ofEpochSecond(n.AsNumber().ToInt64Checked());
  }

  private static byte[] byteString(CBORObject o, String what) throws InvalidEnvelopeException {
    if (o == null || o.getType() != CBORType.ByteString || o.isTagged()) {
      throw new InvalidEnvelopeException(what + " is not a byte string");
    }
    return o.GetByteString();
  }
}
