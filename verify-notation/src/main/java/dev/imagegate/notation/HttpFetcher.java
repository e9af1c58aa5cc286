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
   * GET {@code uri}.
   *
   * @throws IOException on a non-2xx status, a body over {@code maxBytes}, a timeout or a network
   *     failure
   */
  byte[] get(URI uri, Duration timeout, int maxBytes) throws IOException;

  /**
   * POST {@code body} with {@code contentType}.
   *
   * @throws IOException as {@link #get}: a non-2xx status, a body over {@code maxBytes}, a timeout
   *     or a network failure
   */
  byte[] post(URI uri, String contentType, byte[] body, Duration timeout, int maxBytes)
      throws IOException;
}
