package dev.imagegate.oci.internal;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A response read within its bounds: status, headers, body bytes and the URI that answered. */
record RegistryResponse(int status, HttpHeaders headers, byte[] body, URI uri) {
  @Nullable String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  /** Content-Type without parameters, lower-cased; null when absent. */
  @Nullable String contentType() {
    String ct = header("content-type");
    if (ct == null) {
      return null;
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }
}
