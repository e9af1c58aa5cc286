package dev.imagegate.oci.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A {@code WWW-Authenticate} challenge (RFC 7235): scheme plus auth-params. Quoted values may hold
 * commas ({@code scope="repository:a:pull,push"}), so the header is tokenised rather than split.
 */
record AuthChallenge(String scheme, Map<String, String> params) {
  AuthChallenge {
    params = Map.copyOf(params);
  }

  boolean isBearer() {
    return scheme.equals("bearer");
  }

  boolean isBasic() {
    return scheme.equals("basic");
  }

  @Nullable String realm() {
    return params.get("realm");
  }

  @Nullable String service() {
    return params.get("service");
  }

  @Nullable String scope() {
    return params.get("scope");
  }

  /**
   * The first Bearer or Basic challenge among the headers, Bearer preferred; null when there is
   * none.
   */
  static @Nullable AuthChallenge select(List<String> headers) {
    AuthChallenge basic = null;
    for (String h : headers) {
      for (AuthChallenge c : parseAll(h)) {
        if (c.isBearer()) {
          return c;
        }
        if (c.isBasic() && basic == null) {
          basic = c;
        }
      }
    }
    return basic;
  }

  /** Parses every challenge of one header value; malformed tails are dropped. */
  static List<AuthChallenge> parseAll(String header) {
    java.util.ArrayList<AuthChallenge> out = new java.util.ArrayList<>();
    int i = 0;
    int n = Math.min(header.length(), 8192);
    String scheme = null;
    Map<String, String> params = new LinkedHashMap<>();
    while (i < n) {
      while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == ',')) {
        i++;
      }
      int start = i;
      while (i < n
          && header.charAt(i) != ' '
          && header.charAt(i) != '='
          && header.charAt(i) != ',') {
        i++;
      }
      String token = header.substring(start, i);
      if (token.isEmpty()) {
        break;
      }
      if (i < n && header.charAt(i) == '=') {
        i++;
        String value;
        if (i < n && header.charAt(i) == '"') {
          StringBuilder b = new StringBuilder();
          i++;
          while (i < n && header.charAt(i) != '"') {
            if (header.charAt(i) == '\\' && i + 1 < n) {
              i++;
            }
            b.append(header.charAt(i++));
          }
          i++;
          value = b.toString();
        } else {
          int vs = i;
          while (i < n && header.charAt(i) != ',' && header.charAt(i) != ' ') {
            i++;
          }
          value = header.substring(vs, i);
        }
        if (scheme != null) {
          params.put(token.toLowerCase(Locale.ROOT), value);
        }
      } else {
        if (scheme != null) {
          out.add(new AuthChallenge(scheme, params));
        }
        scheme = token.toLowerCase(Locale.ROOT);
        params = new LinkedHashMap<>();
      }
    }
    if (scheme != null) {
      out.add(new AuthChallenge(scheme, params));
    }
    return out;
  }
}
