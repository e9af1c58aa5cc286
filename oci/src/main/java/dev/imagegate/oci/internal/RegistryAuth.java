package dev.imagegate.oci.internal;

import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.RegistryException.Kind;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Authorization for registry requests. Starts anonymous; the first 401 teaches the registry's
 * scheme (remembered per registry), after which requests carry credentials up front: Basic with the
 * credentials the calling view finds ({@link CredentialSource}), or a bearer token per (registry,
 * scope, credential) from the token cache, fetched from the challenge's realm. A token obtained
 * with one credential (or anonymously) is never sent on behalf of another.
 */
final class RegistryAuth {
  private final TokenEndpoint tokens;
  private final TokenCache cache;
  private final Map<String, AuthChallenge> schemes = new ConcurrentHashMap<>();

  RegistryAuth(TokenEndpoint tokens, TokenCache cache) {
    this.tokens = tokens;
    this.cache = cache;
  }

  static String pullScope(String repository) {
    return "repository:" + repository + ":pull";
  }

  /** The Authorization header to send before any challenge, or null for anonymous. */
  @Nullable String preemptive(
      String registry, String scope, CredentialSource credentials, Call call)
      throws RegistryException {
    AuthChallenge known = schemes.get(registry);
    if (known == null) {
      return null;
    }
    if (known.isBasic()) {
      return credentials
          .lookup(registry)
          .filter(RegistryCredential::hasPassword)
          .map(RegistryCredential::basicHeader)
          .orElse(null);
    }
    return bearer(registry, known, scope, credentials, call);
  }

  /**
   * Answers a 401: the header to retry with, or empty when there is nothing better to send (no
   * usable challenge, no credentials for Basic).
   */
  Optional<String> onChallenge(
      String registry,
      RegistryResponse unauthorized,
      String scope,
      CredentialSource credentials,
      Call call)
      throws RegistryException {
    AuthChallenge c = AuthChallenge.select(unauthorized.headers().allValues("www-authenticate"));
    if (c == null) {
      return Optional.empty();
    }
    schemes.put(registry, c);
    if (c.isBasic()) {
      return credentials
          .lookup(registry)
          .filter(RegistryCredential::hasPassword)
          .map(RegistryCredential::basicHeader);
    }
    String wanted = c.scope() != null && !c.scope().isEmpty() ? c.scope() : scope;
    return Optional.of(bearer(registry, c, wanted, credentials, call));
  }

  private String bearer(
      String registry,
      AuthChallenge challenge,
      String scope,
      CredentialSource credentials,
      Call call)
      throws RegistryException {
    RegistryCredential cred = credentials.lookup(registry).orElse(null);
    String token = cache.get(registry, scope, cred);
    if (token == null) {
      TokenEndpoint.Token t = tokens.fetch(challenge, scope, cred, call);
      cache.put(registry, scope, cred, t.value(), t.expiresInSeconds());
      token = t.value();
    }
    if (token.indexOf('\r') >= 0 || token.indexOf('\n') >= 0) {
      throw new RegistryException(
          Kind.PROTOCOL, 0, call.description() + ": token contains line breaks", null);
    }
    return "Bearer " + token;
  }
}
