package dev.imagegate.conditions.internal;

import static dev.imagegate.conditions.internal.KyvernoFunction.error;
import static dev.imagegate.conditions.internal.KyvernoFunction.of;
import static dev.imagegate.conditions.internal.KyvernoFunction.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.imagegate.base.UntrustedJson;
import io.burt.jmespath.function.Function;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/** Kyverno's data functions: JSON/YAML parsing, lookups, object building, X.509 decoding. */
final class DataFunctions {
  /** Payloads handed to parse_json/parse_yaml are bounded like policy files. */
  private static final int MAX_DOCUMENT = 4 * 1024 * 1024;

  private static final ObjectMapper YAML;

  static {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(50);
    options.setNestingDepthLimit(64);
    options.setCodePointLimit(MAX_DOCUMENT);
    YAML = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
  }

  private DataFunctions() {}

  static List<Function> all() {
    return List.of(
        of(
            "parse_json",
            1,
            a -> parse("parse_json", UntrustedJson.mapper(), text("parse_json", a, 0))),
        of("parse_yaml", 1, a -> parse("parse_yaml", YAML, text("parse_yaml", a, 0))),
        of("lookup", 2, a -> lookup(a.get(0), a.get(1))),
        of("items", 3, a -> items(a.get(0), text("items", a, 1), text("items", a, 2))),
        of("object_from_lists", 2, a -> objectFromLists(a.get(0), a.get(1))),
        of("x509_decode", 1, a -> x509(text("x509_decode", a, 0))));
  }

  private static JsonNode parse(String f, ObjectMapper mapper, String s) {
    if (s.length() > MAX_DOCUMENT) {
      throw error(f, "input larger than " + MAX_DOCUMENT + " characters");
    }
    try {
      JsonNode n = mapper.readTree(s);
      return n == null || n.isMissingNode() ? Values.NODES.nullNode() : n;
    } catch (Exception e) {
      throw error(
          f,
          "cannot parse input: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
  }

  private static JsonNode lookup(JsonNode collection, JsonNode key) {
    if (collection.isObject()) {
      if (!key.isTextual()) {
        throw error("lookup", "an object is looked up by a string key");
      }
      JsonNode v = collection.get(key.asText());
      return v == null ? Values.NODES.nullNode() : v;
    }
    if (collection.isArray()) {
      if (!key.isIntegralNumber()
          && !(key.isNumber() && key.asDouble() == Math.rint(key.asDouble()))) {
        throw error("lookup", "an array is looked up by an integer index");
      }
      JsonNode v = collection.get(key.asInt());
      return v == null ? Values.NODES.nullNode() : v;
    }
    throw error("lookup", "argument 1 must be an object or an array");
  }

  private static JsonNode items(JsonNode collection, String keyName, String valueName) {
    ArrayNode out = Values.NODES.arrayNode();
    if (collection.isObject()) {
      // Kyverno sorts object keys so the result is deterministic.
      collection.properties().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(
              e -> {
                ObjectNode o = out.addObject();
                o.put(keyName, e.getKey());
                o.set(valueName, e.getValue());
              });
    } else if (collection.isArray()) {
      for (int i = 0; i < collection.size(); i++) {
        ObjectNode o = out.addObject();
        o.put(keyName, i);
        o.set(valueName, collection.get(i));
      }
    } else {
      throw error("items", "argument 1 must be an object or an array");
    }
    return out;
  }

  private static JsonNode objectFromLists(JsonNode keys, JsonNode values) {
    if (!keys.isArray() || !values.isArray()) {
      throw error("object_from_lists", "both arguments must be arrays");
    }
    ObjectNode out = Values.NODES.objectNode();
    for (int i = 0; i < keys.size(); i++) {
      if (!keys.get(i).isTextual()) {
        throw error("object_from_lists", "keys must be strings");
      }
      out.set(keys.get(i).asText(), i < values.size() ? values.get(i) : Values.NODES.nullNode());
    }
    return out;
  }

  private static JsonNode x509(String pem) {
    try {
      X509Certificate c =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      ObjectNode o = Values.NODES.objectNode();
      o.put("Version", c.getVersion());
      o.put("SerialNumber", c.getSerialNumber().toString());
      o.putObject("Subject")
          .put("CommonName", commonName(c.getSubjectX500Principal().getName()))
          .put("String", c.getSubjectX500Principal().getName());
      o.putObject("Issuer")
          .put("CommonName", commonName(c.getIssuerX500Principal().getName()))
          .put("String", c.getIssuerX500Principal().getName());
      o.put("NotBefore", c.getNotBefore().toInstant().toString());
      o.put("NotAfter", c.getNotAfter().toInstant().toString());
      o.put("PublicKeyAlgorithm", c.getPublicKey().getAlgorithm());
      o.put("SignatureAlgorithm", c.getSigAlgName());
      o.put("IsCA", c.getBasicConstraints() >= 0);
      return o;
    } catch (CertificateException | ClassCastException e) {
      throw error("x509_decode", "not a PEM X.509 certificate");
    }
  }

  private static String commonName(String dn) {
    for (String part : dn.split(",")) {
      if (part.trim().startsWith("CN=")) {
        return part.trim().substring(3);
      }
    }
    return "";
  }
}
