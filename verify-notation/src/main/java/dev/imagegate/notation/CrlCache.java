package dev.imagegate.notation;

import java.net.URI;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Downloaded CRLs by URL, reused until their nextUpdate passes (as notation's file cache does).
 * Bounded: the least recently used entry is dropped beyond {@link #MAX_ENTRIES}. Thread-safe.
 */
public final class CrlCache {
  public static final int MAX_ENTRIES = 512;

  private final Map<URI, X509CRL> entries =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<URI, X509CRL> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  /** The cached CRL for {@code url} if it is still current at {@code now}. */
  public synchronized @Nullable X509CRL get(URI url, Instant now) {
    X509CRL crl = entries.get(url);
    if (crl == null) {
      return null;
    }
    if (crl.getNextUpdate() == null || now.isAfter(crl.getNextUpdate().toInstant())) {
      entries.remove(url);
      return null;
    }
    return crl;
  }

  public synchronized void put(URI url, X509CRL crl) {
    entries.put(url, crl);
  }

  public synchronized int size() {
    return entries.size();
  }
}
