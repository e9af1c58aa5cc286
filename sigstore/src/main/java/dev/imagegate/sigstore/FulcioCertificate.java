package dev.imagegate.sigstore;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.jspecify.annotations.Nullable;

/**
 * The identity a Fulcio certificate carries: its subject alternative names (email, URI, DNS, IP and
 * the Sigstore otherName {@code 1.3.6.1.4.1.57264.1.7}), the OIDC issuer extension and the other
 * Fulcio extensions ({@code docs/oid-info.md}: {@code .1.1}-{@code .1.6} hold raw string bytes,
 * {@code .1.8} and later DER strings).
 */
public final class FulcioCertificate {
  public static final String ARC = "1.3.6.1.4.1.57264.1.";
  public static final String ISSUER_V1 = ARC + "1";
  public static final String ISSUER_V2 = ARC + "8";
  public static final String OTHERNAME_SAN = ARC + "7";

  /** The extension names cosign and Kyverno accept, with their OIDs. */
  public static final Map<String, String> EXTENSION_NAMES;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("oidcIssuer", ARC + "1");
    m.put("githubWorkflowTrigger", ARC + "2");
    m.put("githubWorkflowSha", ARC + "3");
    m.put("githubWorkflowName", ARC + "4");
    m.put("githubWorkflowRepository", ARC + "5");
    m.put("githubWorkflowRef", ARC + "6");
    EXTENSION_NAMES = java.util.Collections.unmodifiableMap(m);
  }

  private final X509Certificate cert;

  private FulcioCertificate(X509Certificate cert) {
    this.cert = cert;
  }

  public static FulcioCertificate of(X509Certificate cert) {
    return new FulcioCertificate(cert);
  }

  public X509Certificate certificate() {
    return cert;
  }

  /** The OID for a cosign/Kyverno extension name or a dotted OID, null when neither. */
  public static @Nullable String oidFor(String nameOrOid) {
    String oid = EXTENSION_NAMES.get(nameOrOid);
    if (oid != null) {
      return oid;
    }
    return nameOrOid.matches("[0-2](\\.[0-9]+)+") ? nameOrOid : null;
  }

  /** Every SAN value as a string, in certificate order; unreadable SANs are skipped. */
  public List<String> subjectAlternativeNames() {
    List<String> out = new ArrayList<>();
    byte[] ext = cert.getExtensionValue("2.5.29.17");
    if (ext == null) {
      return out;
    }
    GeneralNames names;
    try {
      names = GeneralNames.getInstance(ASN1OctetString.getInstance(ext).getOctets());
    } catch (RuntimeException e) {
      return out;
    }
    for (GeneralName gn : names.getNames()) {
      String v =
          switch (gn.getTagNo()) {
            case GeneralName.rfc822Name,
                GeneralName.dNSName,
                GeneralName.uniformResourceIdentifier ->
                ((ASN1String) gn.getName()).getString();
            case GeneralName.iPAddress -> ip(ASN1OctetString.getInstance(gn.getName()).getOctets());
            case GeneralName.otherName -> otherName(gn.getName());
            default -> null;
          };
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  private static @Nullable String ip(byte[] octets) {
    try {
      return InetAddress.getByAddress(octets).getHostAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * Only the Sigstore username otherName ({@code .1.7}, UTF8String) is an identity; other types are
   * ignored.
   */
  private static @Nullable String otherName(ASN1Encodable name) {
    try {
      OtherName on = OtherName.getInstance(name);
      if (!on.getTypeID().getId().equals(OTHERNAME_SAN)) {
        return null;
      }
      ASN1Encodable v = on.getValue();
      if (v instanceof ASN1TaggedObject t) {
        v = t.getBaseObject();
      }
      return v instanceof ASN1String s ? s.getString() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * The OIDC issuer: the DER extension {@code .1.8}, else the legacy raw {@code .1.1}; null when
   * neither exists.
   */
  public @Nullable String issuer() {
    String v2 = extension(ISSUER_V2);
    return v2 != null ? v2 : extension(ISSUER_V1);
  }

  /**
   * The value of a Fulcio extension by name or OID, null when absent. {@code .1.1}-{@code .1.6} are
   * the raw bytes (what cosign and Kyverno compare); other OIDs are read as a DER string, falling
   * back to the raw bytes.
   */
  public @Nullable String extension(String nameOrOid) {
    String oid = oidFor(nameOrOid);
    if (oid == null) {
      return null;
    }
    byte[] ext = cert.getExtensionValue(oid);
    if (ext == null) {
      return null;
    }
    byte[] raw;
    try {
      raw = ASN1OctetString.getInstance(ext).getOctets();
    } catch (RuntimeException e) {
      return null;
    }
    if (isRawArc(oid)) {
      return new String(raw, StandardCharsets.UTF_8);
    }
    try {
      ASN1Primitive p = ASN1Primitive.fromByteArray(raw);
      if (p instanceof ASN1String s) {
        return s.getString();
      }
    } catch (IOException | RuntimeException e) {
      // not DER: fall through to the raw value
    }
    return new String(raw, StandardCharsets.UTF_8);
  }

  private static boolean isRawArc(String oid) {
    if (!oid.startsWith(ARC)) {
      return false;
    }
    String last = oid.substring(ARC.length());
    return last.matches("[1-6]");
  }
}
