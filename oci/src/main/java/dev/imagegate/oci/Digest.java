package dev.imagegate.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest {@code algorithm:hex} (OCI image spec "Digests"); only sha256 and sha512 are
 * accepted.
 */
public record Digest(String algorithm, String hex) {
  private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

  public Digest {
    boolean ok =
        switch (algorithm) {
          case "sha256" -> SHA256.matcher(hex).matches();
          case "sha512" -> SHA512.matcher(hex).matches();
          default -> false;
        };
    if (!ok) {
      throw new IllegalArgumentException(
          "invalid digest '"
              + algorithm
              + ":"
              + hex
              + "' (expected sha256:<64 lower-case hex> or sha512:<128 lower-case hex>)");
    }
  }

  public static Digest parse(String s) {
    int i = s.indexOf(':');
    if (i < 0) {
      throw new IllegalArgumentException("invalid digest '" + s + "': missing 'algorithm:' prefix");
    }
    return new Digest(s.substring(0, i), s.substring(i + 1));
  }

  public static Digest sha256(byte[] content) {
    return new Digest("sha256", HexFormat.of().formatHex(hash("SHA-256", content)));
  }

  /** Digest of {@code content} with this digest's algorithm, for verifying fetched bytes. */
  public boolean matches(byte[] content) {
    String jca = algorithm.equals("sha256") ? "SHA-256" : "SHA-512";
    return MessageDigest.isEqual(HexFormat.of().parseHex(hex), hash(jca, content));
  }

  private static byte[] hash(String alg, byte[] content) {
    try {
      return MessageDigest.getInstance(alg).digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The cosign/referrers tag form {@code sha256-<hex>}. */
  public String tagForm() {
    return algorithm + "-" + hex;
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
