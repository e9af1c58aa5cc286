package dev.imagegate.webhook.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.base.UntrustedJson;
import dev.imagegate.webhook.RegistryAuths;
import dev.imagegate.webhook.RegistryAuths.Credential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads registry credentials from the two pull-secret formats: {@code
 * kubernetes.io/dockerconfigjson} ({@code {"auths": {host: {...}}}}) and the legacy {@code
 * kubernetes.io/dockercfg} ({@code {host: {...}}}). Entries carry {@code auth} (base64 {@code
 * user:password}), or {@code username}/{@code password}, or an {@code identitytoken}. Keys are
 * normalized to {@code host[:port]} (schemes and {@code /v1/} paths dropped).
 */
public final class DockerConfigAuths {
  private static final ObjectMapper JSON = UntrustedJson.mapper();

  private DockerConfigAuths() {}

  /**
   * @throws IllegalArgumentException when the document is not a docker config (the message never
   *     holds secrets)
   */
  public static RegistryAuths parse(byte[] document) {
    JsonNode root;
    try {
      root = JSON.readTree(document);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON docker config");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON docker config");
    }
    JsonNode auths = root.has("auths") ? root.get("auths") : root;
    Map<String, Credential> byRegistry = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      credential(entry.getValue()).ifPresent(c -> byRegistry.put(normalize(entry.getKey()), c));
    }
    return new RegistryAuths(byRegistry);
  }

  private static java.util.Optional<Credential> credential(JsonNode entry) {
    String username = entry.path("username").asText("");
    String password = entry.path("password").asText("");
    String auth = entry.path("auth").asText("");
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return java.util.Optional.empty();
      }
      int colon = decoded.indexOf(':');
      if (colon > 0) {
        username = decoded.substring(0, colon);
        password = decoded.substring(colon + 1);
      }
    }
    String token = entry.path("identitytoken").asText("");
    if (username.isEmpty() && token.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new Credential(username, password, token.isEmpty() ? null : token));
  }

  static String normalize(String key) {
    String host = key.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
    int slash = host.indexOf('/');
    return slash < 0 ? host : host.substring(0, slash);
  }
}
