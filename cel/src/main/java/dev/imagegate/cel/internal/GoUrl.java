package dev.imagegate.cel.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The parts of Go's {@code net/url} that the Kubernetes URL library exposes: {@code
 * ParseRequestURI} validation (absolute URI or absolute path), then {@code Parse} for the
 * components. Written by hand because {@link java.net.URI} differs from Go (it rejects spaces and
 * accepts relative references), and the library's results are defined by Go's behaviour.
 */
record GoUrl(
    String scheme,
    String host,
    String path,
    @Nullable String rawPath,
    String rawQuery,
    String opaque) {

  /** Go's {@code url.ParseRequestURI} then {@code url.Parse}; throws with Go's wording. */
  static GoUrl parse(String s) {
    parse(s, true);
    return parse(s, false);
  }

  static boolean isValid(String s) {
    try {
      parse(s, true);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static GoUrl parse(String raw, boolean viaRequest) {
    String rest = raw;
    if (!viaRequest) {
      int hash = rest.indexOf('#');
      if (hash >= 0) {
        rest = rest.substring(0, hash);
      }
    }
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw error(raw, "net/url: invalid control character in URL");
      }
    }
    if (rest.isEmpty() && viaRequest) {
      throw error(raw, "empty url");
    }
    if (rest.equals("*")) {
      return new GoUrl("", "", "*", null, "", "");
    }
    String scheme = "";
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (Character.isLetter(c) && c < 0x80) {
        continue;
      }
      if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
        if (i == 0) {
          break;
        }
        continue;
      }
      if (c == ':') {
        if (i == 0) {
          throw error(raw, "missing protocol scheme");
        }
        scheme = rest.substring(0, i).toLowerCase(java.util.Locale.ROOT);
        rest = rest.substring(i + 1);
      }
      break;
    }
    String rawQuery = "";
    if (rest.endsWith("?") && rest.indexOf('?') == rest.length() - 1) {
      rest = rest.substring(0, rest.length() - 1);
    } else {
      int q = rest.indexOf('?');
      if (q >= 0) {
        rawQuery = rest.substring(q + 1);
        rest = rest.substring(0, q);
      }
    }
    if (!rest.startsWith("/")) {
      if (!scheme.isEmpty()) {
        return new GoUrl(scheme, "", "", null, rawQuery, rest);
      }
      if (viaRequest) {
        throw error(raw, "invalid URI for request");
      }
      int colon = rest.indexOf(':');
      int slash = rest.indexOf('/');
      if (colon >= 0 && (slash < 0 || colon < slash)) {
        throw error(raw, "first path segment in URL cannot contain colon");
      }
    }
    String host = "";
    if ((!scheme.isEmpty() || !viaRequest && !rest.startsWith("///")) && rest.startsWith("//")) {
      String authority = rest.substring(2);
      int slash = authority.indexOf('/');
      rest = slash >= 0 ? authority.substring(slash) : "";
      authority = slash >= 0 ? authority.substring(0, slash) : authority;
      int at = authority.lastIndexOf('@');
      host = parseHost(raw, at >= 0 ? authority.substring(at + 1) : authority);
    }
    String path = unescape(raw, rest, false);
    String rawPath = escapePath(path).equals(rest) ? null : rest;
    return new GoUrl(scheme, host, path, rawPath, rawQuery, "");
  }

  private static String parseHost(String raw, String host) {
    if (host.startsWith("[")) {
      int end = host.lastIndexOf(']');
      if (end < 0) {
        throw error(raw, "missing ']' in host");
      }
      String colonPort = host.substring(end + 1);
      if (!validOptionalPort(colonPort)) {
        throw error(raw, "invalid port \"" + colonPort + "\" after host");
      }
    } else {
      int i = host.lastIndexOf(':');
      if (i >= 0 && !validOptionalPort(host.substring(i))) {
        throw error(raw, "invalid port \"" + host.substring(i) + "\" after host");
      }
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c < 0x80 && c != '%' && !isHostChar(c)) {
        throw error(raw, "invalid character \"" + c + "\" in host name");
      }
    }
    return unescape(raw, host, false);
  }

  private static boolean isHostChar(char c) {
    return Character.isLetterOrDigit(c) || "-_.~!$&'()*+,;=:[]<>\"".indexOf(c) >= 0;
  }

  private static boolean validOptionalPort(String port) {
    if (port.isEmpty()) {
      return true;
    }
    if (port.charAt(0) != ':') {
      return false;
    }
    for (int i = 1; i < port.length(); i++) {
      if (port.charAt(i) < '0' || port.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  String hostname() {
    String h = host;
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end >= 0 ? h.substring(1, end) : h.substring(1);
    }
    int colon = h.lastIndexOf(':');
    return colon >= 0 ? h.substring(0, colon) : h;
  }

  String port() {
    int end = host.startsWith("[") ? host.indexOf(']') : -1;
    int colon = host.lastIndexOf(':');
    if (colon > end && validOptionalPort(host.substring(colon))) {
      return host.substring(colon + 1);
    }
    return "";
  }

  String escapedPath() {
    if (rawPath != null && validEncoded(rawPath)) {
      return rawPath;
    }
    if (path.equals("*")) {
      return "*";
    }
    return escapePath(path);
  }

  /** Go's {@code url.ParseQuery}, dropping malformed pairs (as {@code URL.Query()} does). */
  Map<String, List<String>> query() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty() || pair.indexOf(';') >= 0) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq >= 0 ? pair.substring(0, eq) : pair;
      String v = eq >= 0 ? pair.substring(eq + 1) : "";
      try {
        k = unescape("", k, true);
        v = unescape("", v, true);
      } catch (IllegalArgumentException e) {
        continue;
      }
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static String unescape(String raw, String s, boolean query) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '%') {
        if (i + 2 >= b.length || hex(b[i + 1]) < 0 || hex(b[i + 2]) < 0) {
          String bad = new String(b, i, Math.min(3, b.length - i), StandardCharsets.UTF_8);
          throw error(raw, "invalid URL escape \"" + bad + "\"");
        }
        out.write(hex(b[i + 1]) * 16 + hex(b[i + 2]));
        i += 2;
      } else if (query && b[i] == '+') {
        out.write(' ');
      } else {
        out.write(b[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static boolean validEncoded(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-_.~!$&'()*+,;=:@[]%/".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Go's {@code escape(s, encodePath)}. */
  private static String escapePath(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
      int u = c & 0xff;
      boolean keep =
          (u >= 'a' && u <= 'z')
              || (u >= 'A' && u <= 'Z')
              || (u >= '0' && u <= '9')
              || "-_.~$&+,/:;=@".indexOf(u) >= 0;
      if (keep) {
        sb.append((char) u);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(u >> 4, 16)));
        sb.append(Character.toUpperCase(Character.forDigit(u & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  private static IllegalArgumentException error(String raw, String what) {
    return new IllegalArgumentException("parse \"" + raw + "\": " + what);
  }
}
