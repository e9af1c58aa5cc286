package dev.imagegate.trust;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The Bouncy Castle provider, used explicitly (never installed globally) for signature
 * verification: its ECDSA verification is about 5x faster than SunEC on this class of machine (see
 * docs/benchmarks.md), and ECDSA is the largest in-process cost of a cold verification.
 */
public final class Crypto {
  private static final Provider BC = init();

  private Crypto() {}

  private static Provider init() {
    Provider installed = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
    return installed != null ? installed : new BouncyCastleProvider();
  }

  public static Provider provider() {
    return BC;
  }
}
