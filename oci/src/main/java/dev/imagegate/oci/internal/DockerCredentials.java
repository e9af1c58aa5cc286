package dev.imagegate.oci.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.oci.RegistryCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Credentials from a docker {@code config.json}, looked up as docker does: {@code
 * credHelpers[registry]}, else {@code credsStore}, else the {@code auths} entry ({@code auth} =
 * base64 user:pass, or {@code username}/{@code password}, plus {@code identitytoken}). A helper
 * that is not installed is skipped with a debug log and the {@code auths} entry is used. Results
 * are kept for the client's lifetime.
 */
final class DockerCredentials {
  private static final Logger LOG = LoggerFactory.getLogger(DockerCredentials.class);
  static final long MAX_CONFIG_BYTES = 1024 * 1024;

  /** The key {@code docker login} writes for Docker Hub, also what helpers are asked for. */
  static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";

  private final Path configFile;
  private final CredentialHelperRunner helpers;
  private final Map<String, Optional<RegistryCredential>> cache = new ConcurrentHashMap<>();
  private volatile @Nullable JsonNode config;

  DockerCredentials(Path configFile, CredentialHelperRunner helpers) {
    this.configFile = configFile;
    this.helpers = helpers;
  }

  /**
   * Config path: explicit, else {@code $DOCKER_CONFIG/config.json}, else {@code
   * ~/.docker/config.json}.
   */
  static Path defaultConfigPath(@Nullable Path explicit, Map<String, String> env) {
    if (explicit != null) {
      return explicit;
    }
    String dir = env.get("DOCKER_CONFIG");
    if (dir != null && !dir.isEmpty()) {
      return Path.of(dir, "config.json");
    }
    return Path.of(System.getProperty("user.home"), ".docker", "config.json");
  }

  Optional<RegistryCredential> lookup(String registry) {
    return cache.computeIfAbsent(registry, this::load);
  }

  private Optional<RegistryCredential> load(String registry) {
    JsonNode cfg = config();
    String helper = "";
    for (Iterator<Map.Entry<String, JsonNode>> it = cfg.path("credHelpers").fields();
        it.hasNext() && helper.isEmpty(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (RegistryCredentials.registryOf(e.getKey()).equals(registry)) {
        helper = e.getValue().asText("");
      }
    }
    if (helper.isEmpty()) {
      helper = cfg.path("credsStore").asText("");
    }
    if (!helper.isEmpty()) {
      Optional<RegistryCredential> fromHelper = helpers.get(helper, serverUrl(registry));
      if (fromHelper.isPresent()) {
        return fromHelper;
      }
    }
    JsonNode auths = cfg.path("auths");
    for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (RegistryCredentials.registryOf(e.getKey()).equals(registry)) {
        Optional<RegistryCredential> c = fromAuthEntry(e.getValue(), registry);
        if (c.isPresent()) {
          return c;
        }
      }
    }
    return Optional.empty();
  }

  private JsonNode config() {
    JsonNode c = config;
    if (c != null) {
      return c;
    }
    c = Json.MAPPER.createObjectNode();
    try {
      if (Files.isRegularFile(configFile)) {
        if (Files.size(configFile) > MAX_CONFIG_BYTES) {
          LOG.warn("ignoring docker config {}: larger than {} bytes", configFile, MAX_CONFIG_BYTES);
        } else {
          c = Json.read(Files.readAllBytes(configFile));
        }
      } else {
        LOG.debug("no docker config at {}: anonymous access", configFile);
      }
    } catch (IOException e) {
      LOG.warn("ignoring unreadable docker config {}: {}", configFile, e.getMessage());
    }
    config = c;
    return c;
  }

  static Optional<RegistryCredential> fromAuthEntry(JsonNode entry, String registry) {
    String user = entry.path("username").asText(null);
    String pass = entry.path("password").asText(null);
    String auth = entry.path("auth").asText("");
    if (!auth.isEmpty()) {
      try {
        String decoded =
            new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon > 0) {
          user = decoded.substring(0, colon);
          pass = decoded.substring(colon + 1);
        }
      } catch (IllegalArgumentException e) {
        LOG.warn("ignoring malformed 'auth' of {} in docker config: not base64", registry);
      }
    }
    String token = entry.path("identitytoken").asText(null);
    if ((user == null || pass == null) && (token == null || token.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(
        new RegistryCredential(user, pass, token == null || token.isEmpty() ? null : token));
  }

  static String serverUrl(String registry) {
    return registry.equals("docker.io") ? DOCKER_HUB_KEY : registry;
  }
}
