package dev.imagegate.oci.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Credentials for one registry: a user name and password, or an identity token (a refresh token for
 * the bearer token endpoint, as {@code docker login} stores for some registries).
 */
record RegistryCredential(
    @Nullable String username, @Nullable String password, @Nullable String identityToken) {
  boolean hasPassword() {
    return username != null && !username.isEmpty() && password != null;
  }

  boolean hasIdentityToken() {
    return identityToken != null && !identityToken.isEmpty();
  }

  String basicHeader() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "RegistryCredential[username=" + username + ", secrets hidden]";
  }
}
