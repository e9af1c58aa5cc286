package dev.imagegate.trust.archfixture;

/** Fixture: a signature type in the trust module. */
public final class SignatureCheck {
  public static boolean verify(byte[] data) {
    return data.length > 0;
  }
}
