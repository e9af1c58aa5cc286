package dev.imagegate.oci;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Credentials for one registry, as a docker config or a Kubernetes pull secret holds them: a user
 * name and password, or an identity token (a refresh token for the registry's bearer token
 * endpoint; the user name may then be empty). Equal values are the same credential (views of a
 * client share bearer tokens only between equal credentials). {@code toString} never shows the
 * password or the token.
 */
public record RegistryCredentials(
    String username, @Nullable String password, @Nullable String identityToken) {
  public RegistryCredentials {
    username = username == null ? "" : username;
    password = username.isEmpty() ? null : password; // a password without a user name is never sent
    identityToken = identityToken == null || identityToken.isEmpty() ? null : identityToken;
    boolean basic = !username.isEmpty() && password != null;
    if (!basic && identityToken == null) {
      throw new IllegalArgumentException(
          "registry credentials need a user name and password, or an identity token"
              + " (user name '"
              + username
              + "')");
    }
  }

  public static RegistryCredentials basic(String username, String password) {
    return new RegistryCredentials(username, password, null);
  }

  public static RegistryCredentials ofIdentityToken(String token) {
    return new RegistryCredentials("", null, token);
  }

  /**
   * The registry name a credential key stands for, as image references name registries: scheme and
   * path dropped ({@code https://ghcr.io/v1/} is {@code ghcr.io}), then the host in {@link
   * ImageReference#canonicalRegistry canonical form}: {@code index.docker.io} / {@code
   * registry-1.docker.io} (including docker's own key {@code https://index.docker.io/v1/}) are
   * {@code docker.io}, {@code LOCALHOST:05000} is {@code localhost:5000}.
   */
  public static String registryOf(String key) {
    String k = key.strip();
    int scheme = k.indexOf("://");
    if (scheme >= 0) {
      k = k.substring(scheme + 3);
    }
    int slash = k.indexOf('/');
    if (slash >= 0) {
      k = k.substring(0, slash);
    }
    try {
      return ImageReference.canonicalRegistry(k);
    } catch (IllegalArgumentException e) {
      return k; // not a host: matches no image's registry
    }
  }

  /**
   * The map re-keyed by {@link #registryOf registry name}. When several keys name one registry the
   * key written exactly as that name wins, then the first in key order ({@code
   * https://index.docker.io/v1/} before {@code index.docker.io}), as {@code
   * RegistryAuths.forRegistry} of the webhook chooses.
   */
  public static Map<String, RegistryCredentials> byRegistryName(
      Map<String, RegistryCredentials> byKey) {
    List<Map.Entry<String, RegistryCredentials>> entries = new ArrayList<>(byKey.entrySet());
    entries.sort(
        Comparator.<Map.Entry<String, RegistryCredentials>, Boolean>comparing(
                e -> !registryOf(e.getKey()).equals(e.getKey()))
            .thenComparing(Map.Entry::getKey));
    Map<String, RegistryCredentials> out = new LinkedHashMap<>();
    for (Map.Entry<String, RegistryCredentials> e : entries) {
      if (e.getValue() != null) {
        out.putIfAbsent(registryOf(e.getKey()), e.getValue());
      }
    }
    return Map.copyOf(out);
  }

  /**
   * The credentials {@code byKey} gives for {@code registry} (a registry name of an image
   * reference).
   */
  public static Optional<RegistryCredentials> forRegistry(
      Map<String, RegistryCredentials> byKey, String registry) {
    RegistryCredentials direct = byKey.get(registry);
    return direct != null
        ? Optional.of(direct)
        : Optional.ofNullable(byRegistryName(byKey).get(registry));
  }

  public boolean hasPassword() {
    return !username.isEmpty() && password != null;
  }

  @Override
  public String toString() {
    return "RegistryCredentials[username="
        + username
        + (identityToken != null ? ", identity token" : "")
        + ", secrets hidden]";
  }
}
