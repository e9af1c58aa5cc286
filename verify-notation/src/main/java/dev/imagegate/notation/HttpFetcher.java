package dev.imagegate.notation;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * The HTTP access revocation checking needs; the default uses the JDK client, tests inject a local
 * one.
 */
public interface HttpFetcher {
  /**
   * GET {@code uri}; a non-2xx status, a body over {@code maxBytes} or a timeout is an IOException.
   */
  byte[] get(URI uri, Duration timeout, int maxBytes) throws IOException;

  /** POST {@code body} with {@code contentType}; same failure rules as {@link #get}. */
  byte[] post(URI uri, String contentType, byte[] body, Duration timeout, int maxBytes)
      throws IOException;
}
