package dev.imagegate.oci.internal;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The SSL context of the plain-HTTP client ({@code --insecure-registry}), which never does TLS: an
 * https location always goes to the client with the default context and full certificate checks.
 * The JDK's HTTP client needs a context anyway; a real one, even without trust anchors, builds the
 * JDK's cipher suite and protocol tables when created, a measurable part of a one-image CLI run
 * (issue 15). This one refuses every TLS operation, so a connection that somehow asked it for TLS
 * would fail instead of proceeding unchecked.
 */
final class NoTlsContext extends SSLContextSpi {
  private NoTlsContext() {}

  /** A context on which every TLS operation throws {@link UnsupportedOperationException}. */
  static SSLContext create() {
    return new SSLContext(new NoTlsContext(), null, "none") {};
  }

  private static UnsupportedOperationException refused() {
    return new UnsupportedOperationException(
        "TLS on the plain-HTTP client: an https location must use the TLS client");
  }

  @Override
  protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr)
      throws KeyManagementException {
    throw new KeyManagementException(refused());
  }

  @Override
  protected SSLSocketFactory engineGetSocketFactory() {
    throw refused();
  }

  @Override
  protected SSLServerSocketFactory engineGetServerSocketFactory() {
    throw refused();
  }

  @Override
  protected SSLEngine engineCreateSSLEngine() {
    throw refused();
  }

  @Override
  protected SSLEngine engineCreateSSLEngine(String host, int port) {
    throw refused();
  }

  @Override
  protected SSLSessionContext engineGetServerSessionContext() {
    throw refused();
  }

  @Override
  protected SSLSessionContext engineGetClientSessionContext() {
    throw refused();
  }

  /** Asked once by the HTTP client when it is built; empty parameters, as no TLS is ever done. */
  @Override
  protected SSLParameters engineGetDefaultSSLParameters() {
    return new SSLParameters();
  }

  @Override
  protected SSLParameters engineGetSupportedSSLParameters() {
    return new SSLParameters();
  }
}
