package dev.imagegate.oci.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.RegistryException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The bearer token endpoint named by a {@code Bearer realm=...} challenge (distribution token
 * spec): GET with {@code service} and {@code scope} (with basic credentials when known), or, with
 * an identity token, the OAuth2 POST {@code grant_type=refresh_token}.
 */
final class TokenEndpoint {
  static final long MAX_TOKEN_RESPONSE = 1024 * 1024;
  private static final String CLIENT_ID = "imagegate";
  private final HttpTransport transport;
  private final RegistryHosts hosts;

  /** A token and how many seconds it lives (0 when the endpoint does not say). */
  record Token(String value, long expiresInSeconds) {
    @Override
    public String toString() {
      return "Token[hidden, expiresIn=" + expiresInSeconds + "]";
    }
  }

  TokenEndpoint(HttpTransport transport, RegistryHosts hosts) {
    this.transport = transport;
    this.hosts = hosts;
  }

  Token fetch(
      AuthChallenge challenge, String scope, @Nullable RegistryCredential credential, Call call)
      throws RegistryException {
    URI realm = realm(challenge, call);
    String what =
        call.description()
            + ": requesting a token from "
            + realm.getAuthority()
            + realm.getPath()
            + " for scope "
            + scope;
    StringBuilder params = new StringBuilder();
    if (challenge.service() != null) {
      append(params, "service", challenge.service());
    }
    append(params, "scope", scope);
    HttpTransport.Exchange x;
    String refreshToken = credential == null ? null : credential.identityToken();
    if (refreshToken != null && !refreshToken.isEmpty()) {
      append(params, "grant_type", "refresh_token");
      append(params, "refresh_token", refreshToken);
      append(params, "client_id", CLIENT_ID);
      x =
          new HttpTransport.Exchange(
              "POST",
              realm,
              List.of("application/json"),
              null,
              params.toString(),
              MAX_TOKEN_RESPONSE);
    } else {
      String sep = realm.getRawQuery() == null ? "?" : "&";
      URI uri = URI.create(realm + sep + params);
      String auth =
          credential != null && credential.hasPassword() ? credential.basicHeader() : null;
      x =
          new HttpTransport.Exchange(
              "GET", uri, List.of("application/json"), auth, null, MAX_TOKEN_RESPONSE);
    }
    RegistryResponse r = transport.exchange(x, call);
    if (r.status() != 200) {
      RegistryException e = RegistryErrors.of(what, r);
      Kind kind = r.status() == 401 || r.status() == 400 ? Kind.UNAUTHORIZED : e.kind();
      throw new RegistryException(kind, r.status(), e.getMessage(), null);
    }
    try {
      JsonNode json = Json.read(r.body());
      String token = Json.text(json, "token");
      if (token == null || token.isEmpty()) {
        token = Json.text(json, "access_token");
      }
      if (token == null || token.isEmpty()) {
        throw new IOException("no 'token' or 'access_token' member");
      }
      return new Token(token, json.path("expires_in").asLong(0));
    } catch (IOException e) {
      throw new RegistryException(
          Kind.PROTOCOL, r.status(), what + ": malformed token response: " + e.getMessage(), e);
    }
  }

  private URI realm(AuthChallenge challenge, Call call) throws RegistryException {
    String realm = challenge.realm();
    URI uri;
    try {
      uri = realm == null ? null : URI.create(realm);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
      throw new RegistryException(
          Kind.PROTOCOL,
          401,
          call.description() + ": bearer challenge without a usable realm URL",
          null);
    }
    if ("http".equals(uri.getScheme()) && !hosts.allowsPlainHttp(uri)) {
      // Credentials would cross the network in clear text to a host nobody declared insecure.
      throw new RegistryException(
          Kind.PROTOCOL,
          401,
          call.description()
              + ": token realm "
              + uri.getAuthority()
              + " uses plain http but is not listed as an insecure registry",
          null);
    }
    return uri;
  }

  private static void append(StringBuilder b, String key, String value) {
    if (b.length() > 0) {
      b.append('&');
    }
    b.append(key).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }
}
