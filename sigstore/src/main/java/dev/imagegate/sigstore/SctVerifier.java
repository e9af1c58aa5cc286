package dev.imagegate.sigstore;

import dev.imagegate.sigstore.internal.Digests;
import dev.imagegate.sigstore.internal.SignatureCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Verifies the signed certificate timestamps (SCTs) embedded in a certificate (extension {@code
 * 1.3.6.1.4.1.11129.2.4.2}) per RFC 6962 section 3.2: each SCT signs a precertificate entry made of
 * the SHA-256 of the issuer's SubjectPublicKeyInfo and the leaf's TBSCertificate with the SCT
 * extension removed. Passes when at least one SCT verifies with a trusted CT log key (chosen by log
 * ID) valid at the SCT's time.
 */
public final class SctVerifier {
  public static final String SCT_LIST_OID = "1.3.6.1.4.1.11129.2.4.2";
  private static final int MAX_SCTS = 32;

  private SctVerifier() {}

  /**
   * @return the timestamp of the first SCT that verifies
   */
  public static Check<Instant> verify(
      X509Certificate leaf, X509Certificate issuer, TrustedRoot trust) {
    byte[] ext = leaf.getExtensionValue(SCT_LIST_OID);
    if (ext == null) {
      return Check.failed(
          "certificate has no embedded SCT (extension "
              + SCT_LIST_OID
              + ") and SCT verification is required");
    }
    List<Sct> scts;
    byte[] tbs;
    try {
      byte[] list =
          ASN1OctetString.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getOctets();
      scts = parseList(list);
      tbs = tbsWithoutScts(leaf);
    } catch (IOException | RuntimeException e) {
      return Check.failed("certificate SCT list is malformed: " + e.getMessage());
    }
    byte[] issuerKeyHash = Digests.sha256(issuer.getPublicKey().getEncoded());
    List<String> problems = new ArrayList<>();
    for (Sct sct : scts) {
      String logId = Base64.getEncoder().encodeToString(sct.logId());
      TransparencyLog log = trust.ctlog(sct.logId()).orElse(null);
      if (log == null) {
        problems.add("SCT from log " + logId + " is not from a trusted CT log");
        continue;
      }
      Instant t = Instant.ofEpochMilli(sct.timestamp());
      if (!SignatureCheck.overMessage(
          log.publicKey(), "SHA-256", signedData(sct, issuerKeyHash, tbs), sct.signature())) {
        problems.add("SCT from CT log " + logId + " does not verify with its key");
      } else if (!log.validFor().contains(t)) {
        problems.add(
            "SCT time " + t + " is outside the validity " + log.validFor() + " of CT log " + logId);
      } else {
        return Check.passed(t);
      }
    }
    if (problems.isEmpty()) {
      problems.add("certificate SCT list is empty");
    }
    return Check.failed(problems);
  }

  record Sct(int version, byte[] logId, long timestamp, byte[] extensions, byte[] signature) {}

  static List<Sct> parseList(byte[] tls) {
    ByteBuffer b = ByteBuffer.wrap(tls);
    int total = u16(b);
    if (total != b.remaining()) {
      throw new IllegalArgumentException(
          "SCT list length " + total + " does not match " + b.remaining() + " bytes");
    }
    List<Sct> out = new ArrayList<>();
    while (b.hasRemaining()) {
      if (out.size() == MAX_SCTS) {
        throw new IllegalArgumentException("more than " + MAX_SCTS + " SCTs");
      }
      ByteBuffer s = slice(b, u16(b));
      int version = s.get() & 0xff;
      byte[] logId = bytes(s, 32);
      long ts = s.getLong();
      byte[] exts = bytes(s, u16(s));
      s.get(); // hash algorithm; the CT log key fixes the algorithm
      s.get(); // signature algorithm
      byte[] sig = bytes(s, u16(s));
      if (version != 0 || s.hasRemaining()) {
        throw new IllegalArgumentException(
            "unsupported SCT version " + version + " or trailing bytes");
      }
      out.add(new Sct(version, logId, ts, exts, sig));
    }
    return out;
  }

  private static byte[] signedData(Sct sct, byte[] issuerKeyHash, byte[] tbs) {
    ByteArrayOutputStream o = new ByteArrayOutputStream(tbs.length + 128);
    o.write(0); // sct_version v1
    o.write(0); // signature_type certificate_timestamp
    o.writeBytes(ByteBuffer.allocate(8).putLong(sct.timestamp()).array());
    o.write(0);
    o.write(1); // entry_type precert_entry
    o.writeBytes(issuerKeyHash);
    o.write((tbs.length >>> 16) & 0xff);
    o.write((tbs.length >>> 8) & 0xff);
    o.write(tbs.length & 0xff);
    o.writeBytes(tbs);
    o.write((sct.extensions().length >>> 8) & 0xff);
    o.write(sct.extensions().length & 0xff);
    o.writeBytes(sct.extensions());
    return o.toByteArray();
  }

  /**
   * The leaf's TBSCertificate re-encoded without the SCT list extension: what the CT log saw as a
   * precertificate.
   */
  static byte[] tbsWithoutScts(X509Certificate leaf) throws IOException {
    ASN1Sequence tbs;
    try {
      tbs = ASN1Sequence.getInstance(leaf.getTBSCertificate());
    } catch (CertificateEncodingException e) {
      throw new IOException(e);
    }
    ASN1EncodableVector out = new ASN1EncodableVector();
    for (int i = 0; i < tbs.size(); i++) {
      if (tbs.getObjectAt(i) instanceof ASN1TaggedObject t && t.getTagNo() == 3) {
        ASN1Sequence exts = ASN1Sequence.getInstance(t.getExplicitBaseObject());
        ASN1EncodableVector kept = new ASN1EncodableVector();
        for (int j = 0; j < exts.size(); j++) {
          Extension e = Extension.getInstance(exts.getObjectAt(j));
          if (!e.getExtnId().getId().equals(SCT_LIST_OID)) {
            kept.add(e);
          }
        }
        out.add(new DERTaggedObject(true, 3, new DERSequence(kept)));
      } else {
        out.add(tbs.getObjectAt(i));
      }
    }
    return new DERSequence(out).getEncoded("DER");
  }

  private static int u16(ByteBuffer b) {
    return b.getShort() & 0xffff;
  }

  private static ByteBuffer slice(ByteBuffer b, int len) {
    if (len > b.remaining()) {
      throw new IllegalArgumentException("SCT field of " + len + " bytes overruns the list");
    }
    ByteBuffer s = b.slice(b.position(), len);
    b.position(b.position() + len);
    return s;
  }

  private static byte[] bytes(ByteBuffer b, int len) {
    byte[] out = new byte[len];
    slice(b, len).get(out);
    return out;
  }
}
