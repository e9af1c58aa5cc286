package dev.imagegate.notation.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.notation.NotationConfigException;
import dev.imagegate.notation.TrustPolicyDocument;
import dev.imagegate.notation.TrustPolicyDocument.Kind;
import dev.imagegate.notation.TrustPolicyStatement;
import dev.imagegate.notation.TrustPolicyStatement.TrustStoreRef;
import dev.imagegate.notation.TrustPolicyStatement.VerifyTimestamp;
import dev.imagegate.notation.TrustStore;
import dev.imagegate.notation.TrustStoreType;
import dev.imagegate.notation.VerificationAction;
import dev.imagegate.notation.VerificationLevel;
import dev.imagegate.notation.VerificationStep;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a trust policy document the way notation-go does before any verification: one
 * violation rejects the whole document, with the source and statement in the message.
 */
public final class TrustPolicyParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_STATEMENTS = 256;
  private static final Set<String> DOC_MEMBERS = Set.of("version", "trustPolicies");
  private static final Set<String> OCI_MEMBERS =
      Set.of("name", "registryScopes", "signatureVerification", "trustStores", "trustedIdentities");
  private static final Set<String> BLOB_MEMBERS =
      Set.of("name", "globalPolicy", "signatureVerification", "trustStores", "trustedIdentities");
  private static final Set<String> SV_MEMBERS = Set.of("level", "override", "verifyTimestamp");

  private TrustPolicyParser() {}

  public static TrustPolicyDocument parse(String json, Kind kind, String source) {
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new NotationConfigException(
          "trust policy " + source + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return fromTree(tree, kind, source);
  }

  public static TrustPolicyDocument fromTree(JsonNode tree, Kind kind, String source) {
    Errors err = new Errors(source);
    if (tree == null || !tree.isObject()) {
      throw err.fail("the document must be a JSON object");
    }
    unknownMembers(tree, DOC_MEMBERS, "the document", err);
    String version = tree.path("version").asText("");
    if (!version.equals("1.0")) {
      throw err.fail(
          "trust policy document has unsupported version \"" + version + "\" (supported: 1.0)");
    }
    JsonNode list = tree.get("trustPolicies");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw err.fail(
          "trust policy document must contain at least one statement in \"trustPolicies\"");
    }
    if (list.size() > MAX_STATEMENTS) {
      throw err.fail(
          "trust policy document has "
              + list.size()
              + " statements, more than the limit "
              + MAX_STATEMENTS);
    }
    List<TrustPolicyStatement> statements = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode node : list) {
      TrustPolicyStatement s = statement(node, kind, err);
      if (!names.add(s.name())) {
        throw err.fail(
            "multiple trust policy statements use the same name \""
                + s.name()
                + "\", statement names must be unique");
      }
      statements.add(s);
    }
    if (kind == Kind.OCI) {
      RegistryScopes.validateDocument(statements, err);
    } else if (statements.stream().filter(TrustPolicyStatement::globalPolicy).count() > 1) {
      throw err.fail(
          "multiple blob trust policy statements have globalPolicy set to true, only one is allowed");
    }
    return new TrustPolicyDocument(kind, version, statements);
  }

  private static TrustPolicyStatement statement(JsonNode node, Kind kind, Errors err) {
    if (!node.isObject()) {
      throw err.fail("every trust policy statement must be a JSON object");
    }
    String name = node.path("name").asText("");
    if (name.isBlank()) {
      throw err.fail("a trust policy statement is missing a name, every statement requires a name");
    }
    String where = "trust policy statement \"" + name + "\"";
    unknownMembers(node, kind == Kind.OCI ? OCI_MEMBERS : BLOB_MEMBERS, where, err);
    JsonNode sv = node.get("signatureVerification");
    if (sv == null || !sv.isObject()) {
      throw err.fail(where + " is missing \"signatureVerification\"");
    }
    unknownMembers(sv, SV_MEMBERS, where + " signatureVerification", err);
    VerificationLevel level = parseLevel(sv.path("level").asText(""), where, err);
    Map<VerificationStep, VerificationAction> overrides =
        overrides(sv.get("override"), level, where, err);
    VerifyTimestamp verifyTimestamp =
        switch (sv.path("verifyTimestamp").asText("always")) {
          case "", "always" -> VerifyTimestamp.ALWAYS;
          case "afterCertExpiry" -> VerifyTimestamp.AFTER_CERT_EXPIRY;
          default ->
              throw err.fail(
                  where
                      + " has unsupported verifyTimestamp \""
                      + sv.path("verifyTimestamp").asText()
                      + "\" (expected always or afterCertExpiry)");
        };
    List<String> storeValues = strings(node.get("trustStores"), where, "trustStores", err);
    List<String> identities =
        strings(node.get("trustedIdentities"), where, "trustedIdentities", err);
    if (level == VerificationLevel.SKIP) {
      if (!storeValues.isEmpty() || !identities.isEmpty()) {
        throw err.fail(
            where
                + " is set to skip signature verification but configured with trust stores and/or"
                + " trusted identities, remove them as they are not needed");
      }
    } else if (storeValues.isEmpty() || identities.isEmpty()) {
      throw err.fail(
          where + " is either missing trust stores or trusted identities, both must be specified");
    }
    List<TrustStoreRef> stores = new ArrayList<>();
    for (String v : storeValues) {
      stores.add(storeRef(v, where, err));
    }
    TrustedIdentities.validate(identities, where, err);
    List<String> scopes = List.of();
    boolean global = false;
    if (kind == Kind.OCI) {
      scopes = strings(node.get("registryScopes"), where, "registryScopes", err);
      if (scopes.isEmpty()) {
        throw err.fail(
            where
                + " has zero registry scopes, it must specify registry scopes with at least one value");
      }
    } else {
      JsonNode g = node.get("globalPolicy");
      if (g != null && !g.isBoolean()) {
        throw err.fail(where + " has a non-boolean globalPolicy");
      }
      global = g != null && g.asBoolean();
    }
    return new TrustPolicyStatement(
        name, scopes, level, overrides, verifyTimestamp, stores, identities, global);
  }

  private static VerificationLevel parseLevel(String s, String where, Errors err) {
    for (VerificationLevel l : VerificationLevel.values()) {
      if (l.policyName().equals(s)) {
        return l;
      }
    }
    throw err.fail(
        where
            + " uses invalid signatureVerification level \""
            + s
            + "\" (expected strict, permissive, audit or skip)");
  }

  private static Map<VerificationStep, VerificationAction> overrides(
      JsonNode o, VerificationLevel level, String where, Errors err) {
    Map<VerificationStep, VerificationAction> map = new EnumMap<>(VerificationStep.class);
    if (o == null || o.isNull()) {
      return map;
    }
    if (!o.isObject()) {
      throw err.fail(where + " has a non-object override");
    }
    if (level == VerificationLevel.SKIP && !o.isEmpty()) {
      throw err.fail(where + " uses verification level \"skip\" which cannot be overridden");
    }
    for (var it = o.fields(); it.hasNext(); ) {
      var e = it.next();
      VerificationStep step =
          switch (e.getKey()) {
            case "authenticity" -> VerificationStep.AUTHENTICITY;
            case "authenticTimestamp" -> VerificationStep.AUTHENTIC_TIMESTAMP;
            case "expiry" -> VerificationStep.EXPIRY;
            case "revocation" -> VerificationStep.REVOCATION;
            case "integrity" ->
                throw err.fail(
                    where
                        + ": \"integrity\" verification can not be overridden in custom"
                        + " signature verification");
            default ->
                throw err.fail(
                    where
                        + " uses unsupported verification type \""
                        + e.getKey()
                        + "\" in override");
          };
      VerificationAction action =
          switch (e.getValue().asText("")) {
            case "enforce" -> VerificationAction.ENFORCE;
            case "log" -> VerificationAction.LOG;
            case "skip" -> VerificationAction.SKIP;
            default ->
                throw err.fail(
                    where
                        + " uses unsupported verification action \""
                        + e.getValue().asText()
                        + "\" for \""
                        + e.getKey()
                        + "\" (expected enforce, log or skip)");
          };
      if (action == VerificationAction.SKIP && step != VerificationStep.REVOCATION) {
        throw err.fail(
            where
                + ": \""
                + e.getKey()
                + "\" verification can not be skipped, only revocation can");
      }
      map.put(step, action);
    }
    return map;
  }

  private static TrustStoreRef storeRef(String value, String where, Errors err) {
    int colon = value.indexOf(':');
    if (colon < 0) {
      throw err.fail(
          where
              + " has malformed trust store value \""
              + value
              + "\". The required format is <TrustStoreType>:<TrustStoreName>");
    }
    TrustStoreType type = TrustStoreType.fromPolicyName(value.substring(0, colon));
    if (type == null) {
      throw err.fail(
          where
              + " uses an unsupported trust store type \""
              + value.substring(0, colon)
              + "\" in trust store value \""
              + value
              + "\" (expected ca, signingAuthority or tsa)");
    }
    String name = value.substring(colon + 1);
    if (!name.matches(TrustStore.STORE_NAME_PATTERN)) {
      throw err.fail(
          where
              + " uses an unsupported trust store name \""
              + name
              + "\" in trust store value \""
              + value
              + "\". Named store name needs to follow [a-zA-Z0-9_.-]+ format");
    }
    return new TrustStoreRef(type, name);
  }

  private static List<String> strings(JsonNode n, String where, String member, Errors err) {
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw err.fail(where + " has a non-array \"" + member + "\"");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode v : n) {
      if (!v.isTextual()) {
        throw err.fail(where + " has a non-string entry in \"" + member + "\"");
      }
      out.add(v.asText());
    }
    return out;
  }

  private static void unknownMembers(JsonNode node, Set<String> allowed, String where, Errors err) {
    for (var it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw err.fail(where + " has unknown member \"" + f + "\" (allowed: " + allowed + ")");
      }
    }
  }

  /** Builds config exceptions that name the policy source. */
  static final class Errors {
    private final String source;

    Errors(String source) {
      this.source = source;
    }

    NotationConfigException fail(String message) {
      return new NotationConfigException("invalid trust policy " + source + ": " + message);
    }
  }
}
