package dev.imagegate.notation;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.imagegate.notation.internal.RatifyTrustBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ratify's {@code notation} verifier configuration, from the Kubernetes {@code Verifier} resource
 * ({@code spec.parameters}) or the CLI config ({@code verifier.plugins[]} entry named {@code
 * notation}).
 *
 * @param artifactTypes referrer artifact types this verifier handles ({@code *} = any)
 * @param verificationCerts certificate file or directory paths, used for every store when no cert
 *     stores are given
 * @param verificationCertStores type to store name to certificate provider names
 *     (KeyManagementProvider resources)
 */
public record RatifyNotationConfig(
    String name,
    List<String> artifactTypes,
    List<String> verificationCerts,
    Map<TrustStoreType, Map<String, List<String>>> verificationCertStores,
    TrustPolicyDocument trustPolicy) {
  private static final ObjectMapper LENIENT_JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .build();
  private static final ObjectMapper YAML = new YAMLMapper();

  public RatifyNotationConfig {
    artifactTypes = List.copyOf(artifactTypes);
    verificationCerts = List.copyOf(verificationCerts);
    Map<TrustStoreType, Map<String, List<String>>> copy = new EnumMap<>(TrustStoreType.class);
    verificationCertStores.forEach((t, m) -> copy.put(t, Map.copyOf(m)));
    verificationCertStores = copy.isEmpty() ? Map.of() : Map.copyOf(copy);
  }

  /**
   * Resolves a certificate provider reference ({@code namespace/name} of a KMP resource) to
   * certificates.
   */
  @FunctionalInterface
  public interface CertificateProvider {
    List<X509Certificate> certificates(String reference);
  }

  /** A {@code kind: Verifier} resource (YAML or JSON). */
  public static RatifyNotationConfig fromVerifierResource(String yaml, String source) {
    JsonNode root = read(YAML, yaml, source);
    if (!root.path("kind").asText().equals("Verifier")
        || !root.path("apiVersion").asText().startsWith("config.ratify.deislabs.io/")) {
      throw new NotationConfigException(
          source
              + ": not a Ratify Verifier resource (apiVersion config.ratify.deislabs.io/*,"
              + " kind Verifier), found apiVersion \""
              + root.path("apiVersion").asText()
              + "\" kind \""
              + root.path("kind").asText()
              + "\"");
    }
    JsonNode spec = root.path("spec");
    String name = spec.path("name").asText("");
    if (!name.equals("notation")) {
      throw new NotationConfigException(
          source + ": spec.name is \"" + name + "\", expected \"notation\"");
    }
    return fromParameters(
        spec.path("parameters"), name, spec.path("artifactTypes").asText(""), source);
  }

  /** A Ratify CLI config; the {@code verifier.plugins[]} entry named {@code notation} is used. */
  public static RatifyNotationConfig fromCliConfig(String json, String source) {
    JsonNode root = read(LENIENT_JSON, json, source);
    for (JsonNode plugin : root.path("verifier").path("plugins")) {
      if (plugin.path("name").asText().equals("notation")) {
        return fromParameters(plugin, "notation", plugin.path("artifactTypes").asText(""), source);
      }
    }
    throw new NotationConfigException(
        source + ": no verifier plugin named \"notation\" in verifier.plugins");
  }

  static RatifyNotationConfig fromParameters(
      JsonNode params, String name, String artifactTypes, String source) {
    JsonNode policyNode = params.get("trustPolicyDoc");
    if (policyNode == null || policyNode.isNull()) {
      throw new NotationConfigException(source + ": trustPolicyDoc is required");
    }
    TrustPolicyDocument policy =
        TrustPolicyDocument.fromTree(
            policyNode, TrustPolicyDocument.Kind.OCI, source + " trustPolicyDoc");
    List<String> certs = new ArrayList<>();
    params.path("verificationCerts").forEach(n -> certs.add(n.asText()));
    List<String> types =
        Arrays.stream(artifactTypes.split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList();
    return new RatifyNotationConfig(
        name, types, certs, certStores(params.get("verificationCertStores"), source), policy);
  }

  /**
   * New form {@code {ca: {store: [refs]}, tsa: ...}} or the older flat form {@code {store: [refs]}}
   * (type ca).
   */
  private static Map<TrustStoreType, Map<String, List<String>>> certStores(
      JsonNode node, String source) {
    Map<TrustStoreType, Map<String, List<String>>> out = new EnumMap<>(TrustStoreType.class);
    if (node == null || node.isNull()) {
      return out;
    }
    boolean typed = false;
    boolean flat = false;
    for (var it = node.fields(); it.hasNext(); ) {
      var e = it.next();
      TrustStoreType type = TrustStoreType.fromPolicyName(e.getKey());
      if (type != null && e.getValue().isObject()) {
        typed = true;
        Map<String, List<String>> stores = new LinkedHashMap<>();
        e.getValue()
            .fields()
            .forEachRemaining(s -> stores.put(s.getKey(), refs(s.getValue(), source)));
        out.put(type, stores);
      } else if (e.getValue().isArray()) {
        flat = true;
        out.computeIfAbsent(TrustStoreType.CA, t -> new LinkedHashMap<>())
            .put(e.getKey(), refs(e.getValue(), source));
      } else {
        throw new NotationConfigException(
            source
                + ": verificationCertStores."
                + e.getKey()
                + " must be a map of store names (ca, tsa, signingAuthority) or a list of certificate providers");
      }
    }
    if (typed && flat) {
      throw new NotationConfigException(
          source
              + ": verificationCertStores mixes the typed form (ca/tsa/signingAuthority)"
              + " with the legacy flat form");
    }
    return out;
  }

  private static List<String> refs(JsonNode n, String source) {
    if (!n.isArray()) {
      throw new NotationConfigException(
          source + ": certificate provider list expected, found " + n.getNodeType());
    }
    List<String> refs = new ArrayList<>();
    n.forEach(r -> refs.add(r.asText()));
    return refs;
  }

  /** Whether a referrer with this artifact type is handled by this verifier. */
  public boolean canVerify(String artifactType) {
    return artifactTypes.contains("*") || artifactTypes.contains(artifactType);
  }

  /**
   * Builds the trust store: named cert stores through {@code provider}; otherwise every certificate
   * under {@code verificationCerts} (files or directories, resolved against {@code baseDir}) for
   * each store the policy names. As Ratify does, only CA and self-signed certificates are kept.
   */
  public NotaryTrust toTrust(CertificateProvider provider, Path baseDir) {
    return new NotaryTrust(trustPolicy, RatifyTrustBuilder.build(this, provider, baseDir));
  }

  private static JsonNode read(ObjectMapper mapper, String text, String source) {
    try {
      JsonNode n = mapper.readTree(text);
      if (n == null || !n.isObject()) {
        throw new NotationConfigException(source + ": configuration must be an object");
      }
      return n;
    } catch (IOException e) {
      throw new NotationConfigException(source + ": cannot parse: " + e.getMessage(), e);
    }
  }
}
