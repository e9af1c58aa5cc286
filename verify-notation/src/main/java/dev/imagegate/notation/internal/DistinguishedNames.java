package dev.imagegate.notation.internal;

import dev.imagegate.base.Result;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.jspecify.annotations.Nullable;

/**
 * Distinguished names as trust policies use them: RFC 4514 text parsed into attribute type to
 * value, with notation's restrictions (single-valued RDNs, no repeated attribute type, no {@code
 * #hex} values).
 */
public final class DistinguishedNames {
  /**
   * Short names for the attribute types notation (Go's pkix) prints by name; others print as dotted
   * OIDs.
   */
  private static final Map<ASN1ObjectIdentifier, String> SHORT_NAMES =
      Map.of(
          BCStyle.CN,
          "CN",
          BCStyle.SERIALNUMBER,
          "SERIALNUMBER",
          BCStyle.C,
          "C",
          BCStyle.L,
          "L",
          BCStyle.ST,
          "ST",
          BCStyle.STREET,
          "STREET",
          BCStyle.O,
          "O",
          BCStyle.OU,
          "OU",
          BCStyle.POSTAL_CODE,
          "POSTALCODE");

  private DistinguishedNames() {}

  /**
   * The attributes of RFC 4514 text, or why it is not an acceptable DN. Parses RFC 4514 text
   * ({@code CN=a,O=b,ST=c,C=d}); leading/trailing spaces around types and values are dropped.
   */
  public static Result<Map<String, String>> parse(String text) {
    if (text.contains("=#")) {
      return Result.err("hex-encoded (=#) attribute values are not supported");
    }
    Map<String, String> attrs = new LinkedHashMap<>();
    for (String rdn : splitUnescaped(text, ",;")) {
      if (splitUnescaped(rdn, "+").size() > 1) {
        return Result.err("multi-valued RDN \"" + rdn.strip() + "\" is not supported");
      }
      List<String> typeValue = splitFirst(rdn);
      if (typeValue == null) {
        return Result.err("\"" + rdn.strip() + "\" is not an attribute=value pair");
      }
      String type = normalizeType(typeValue.get(0));
      if (type.isEmpty()) {
        return Result.err("empty attribute type in \"" + rdn.strip() + "\"");
      }
      if (attrs.containsKey(type)) {
        return Result.err("attribute type " + type + " is repeated");
      }
      attrs.put(type, unescape(typeValue.get(1).strip()));
    }
    if (attrs.isEmpty()) {
      return Result.err("empty distinguished name");
    }
    return Result.ok(attrs);
  }

  /**
   * The leaf subject as attribute map, read from the DER structure rather than a printed string.
   */
  public static Result<Map<String, String>> subjectOf(X509Certificate cert) {
    X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    Map<String, String> attrs = new LinkedHashMap<>();
    for (RDN rdn : name.getRDNs()) {
      if (rdn.isMultiValued()) {
        return Result.err("subject has a multi-valued RDN");
      }
      AttributeTypeAndValue atv = rdn.getFirst();
      String type = SHORT_NAMES.getOrDefault(atv.getType(), atv.getType().getId());
      String value = valueText(atv.getValue());
      if (value.contains("=#")) {
        // notation-go re-parses the printed subject, where "=#" starts a hex value and fails; keep
        // that outcome.
        return Result.err("subject value \"" + value + "\" contains \"=#\" and cannot be matched");
      }
      if (attrs.containsKey(type)) {
        return Result.err("subject repeats attribute type " + type);
      }
      attrs.put(type, value);
    }
    return Result.ok(attrs);
  }

  /** Whether every attribute of {@code required} appears with an equal value in {@code actual}. */
  public static boolean isSubset(Map<String, String> required, Map<String, String> actual) {
    return required.entrySet().stream().allMatch(e -> e.getValue().equals(actual.get(e.getKey())));
  }

  public static Optional<String> missingMandatory(Map<String, String> attrs) {
    for (String t : List.of("C", "ST", "O")) {
      if (!attrs.containsKey(t)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private static String valueText(ASN1Encodable v) {
    return v instanceof ASN1String s ? s.getString() : v.toString();
  }

  private static String normalizeType(String raw) {
    String t = raw.strip().toUpperCase(Locale.ROOT);
    return t.equals("S") ? "ST" : t;
  }

  private static @Nullable List<String> splitFirst(String rdn) {
    int i = indexUnescaped(rdn, '=');
    return i < 0 ? null : List.of(rdn.substring(0, i), rdn.substring(i + 1));
  }

  private static int indexUnescaped(String s, char c) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\\') {
        i++;
      } else if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> splitUnescaped(String s, String separators) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        cur.append(c).append(s.charAt(++i));
      } else if (separators.indexOf(c) >= 0) {
        parts.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    parts.add(cur.toString());
    return parts;
  }

  private static String unescape(String v) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\\' && i + 2 < v.length() + 1 && i + 1 < v.length()) {
        char n = v.charAt(i + 1);
        if (i + 2 < v.length() && isHex(n) && isHex(v.charAt(i + 2))) {
          out.append((char) Integer.parseInt(v.substring(i + 1, i + 3), 16));
          i += 2;
        } else {
          out.append(n);
          i++;
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
