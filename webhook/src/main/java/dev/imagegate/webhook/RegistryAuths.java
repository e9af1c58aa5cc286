package dev.imagegate.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Docker-config style credentials keyed by registry ({@code ghcr.io}, {@code
 * registry.example:5000}). {@code toString} never shows secrets.
 */
public record RegistryAuths(Map<String, Credential> byRegistry) {
  public static final RegistryAuths EMPTY = new RegistryAuths(Map.of());

  public RegistryAuths {
    byRegistry = Map.copyOf(byRegistry);
  }

  /**
   * Credentials for a registry host as it appears in an image reference (docker.io aliases
   * handled).
   */
  public Optional<Credential> forRegistry(String registry) {
    Credential direct = byRegistry.get(registry);
    if (direct != null) {
      return Optional.of(direct);
    }
    if (registry.equals("docker.io")
        || registry.equals("index.docker.io")
        || registry.equals("registry-1.docker.io")) {
      return Optional.ofNullable(byRegistry.get("https://index.docker.io/v1/"))
          .or(() -> Optional.ofNullable(byRegistry.get("index.docker.io")))
          .or(() -> Optional.ofNullable(byRegistry.get("docker.io")));
    }
    return Optional.empty();
  }

  /**
   * Entries of {@code other} win over ours (later, more specific sources override earlier ones).
   */
  public RegistryAuths overriddenBy(RegistryAuths other) {
    if (other.byRegistry.isEmpty()) {
      return this;
    }
    Map<String, Credential> merged = new LinkedHashMap<>(byRegistry);
    merged.putAll(other.byRegistry);
    return new RegistryAuths(merged);
  }

  @Override
  public String toString() {
    return "RegistryAuths" + byRegistry.keySet();
  }

  /** A user name and password, or an identity token (username then empty). */
  public record Credential(String username, String password, @Nullable String identityToken) {
    @Override
    public String toString() {
      return "Credential[username=" + username + ", secrets redacted]";
    }
  }
}
