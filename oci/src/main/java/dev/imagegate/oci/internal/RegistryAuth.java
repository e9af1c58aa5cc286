package dev.imagegate.oci.internal;

import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.RegistryException.Kind;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorization for registry requests. Starts anonymous; the first 401 teaches the registry's scheme
 * (remembered per registry), after which requests carry credentials up front: Basic from the docker config,
 * or a bearer token per (registry, scope) from the token cache, fetched from the challenge's realm.
 */
final class RegistryAuth {
  private final DockerCredentials credentials;
  private final TokenEndpoint tokens;
  private final TokenCache cache;
  private final Map<String, AuthChallenge> schemes = new ConcurrentHashMap<>();

  RegistryAuth(DockerCredentials credentials, TokenEndpoint tokens, TokenCache cache) {
    this.credentials = credentials;
    this.tokens = tokens;
    this.cache = cache;
  }

  static String pullScope(String repository) {
    return "repository:" + repository + ":pull";
  }

  /** The Authorization header to send before any challenge, or null for anonymous. */
  String preemptive(String registry, String scope, Call call) throws RegistryException {
    AuthChallenge known = schemes.get(registry);
    if (known == null) {
      return null;
    }
    if (known.isBasic()) {
      return credentials.lookup(registry).filter(RegistryCredential::hasPassword).map(RegistryCredential::basicHeader).orElse(null);
    }
    return bearer(registry, known, scope, call);
  }

  /**
   * Answers a 401: the header to retry with, or empty when there is nothing better to send (no usable
   * challenge, no credentials for Basic).
   */
  Optional<String> onChallenge(String registry, RegistryResponse unauthorized, String scope, Call call)
      throws RegistryException {
    AuthChallenge c = AuthChallenge.select(unauthorized.headers().allValues("www-authenticate"));
    if (c == null) {
      return Optional.empty();
    }
    schemes.put(registry, c);
    if (c.isBasic()) {
      return credentials.lookup(registry).filter(RegistryCredential::hasPassword).map(RegistryCredential::basicHeader);
    }
    String wanted = c.scope() != null && !c.scope().isEmpty() ? c.scope() : scope;
    return Optional.of(bearer(registry, c, wanted, call));
  }

  private String bearer(String registry, AuthChallenge challenge, String scope, Call call) throws RegistryException {
    String token = cache.get(registry, scope);
    if (token == null) {
      RegistryCredential cred = credentials.lookup(registry).orElse(null);
      TokenEndpoint.Token t = tokens.fetch(challenge, scope, cred, call);
      cache.put(registry, scope, t.value(), t.expiresInSeconds());
      token = t.value();
    }
    if (token.indexOf('\r') >= 0 || token.indexOf('\n') >= 0) {
      throw new RegistryException(Kind.PROTOCOL, 0, call.description() + ": token contains line breaks", null);
    }
    return "Bearer " + token;
  }
}
