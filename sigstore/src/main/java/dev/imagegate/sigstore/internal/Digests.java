package dev.imagegate.sigstore.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Hash algorithm names as they appear in bundles ({@code SHA2_256}), digests ({@code sha256:}) and
 * JCA.
 */
public final class Digests {
  private Digests() {}

  /**
   * JCA name for a protobuf ({@code SHA2_384}), OCI/in-toto ({@code sha384}) or JCA ({@code
   * SHA-384}) spelling.
   */
  public static @Nullable String jcaName(@Nullable String any) {
    if (any == null) {
      return null;
    }
    return switch (any.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "")) {
      case "SHA2256", "SHA256" -> "SHA-256";
      case "SHA2384", "SHA384" -> "SHA-384";
      case "SHA2512", "SHA512" -> "SHA-512";
      default -> null;
    };
  }

  /** The in-toto / OCI spelling: {@code sha256}. */
  public static String ociName(String jca) {
    return jca.toLowerCase(Locale.ROOT).replace("-", "");
  }

  public static byte[] digest(String jcaName, byte[] data) {
    try {
      return MessageDigest.getInstance(jcaName).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] sha256(byte[] data) {
    return digest("SHA-256", data);
  }

  public static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
