package dev.imagegate.trust;

/**
 * Hash used with a public key. Legacy cosign hashes with SHA-256 whatever the key (Kyverno {@code
 * signatureAlgorithm} may choose another); bundles and Notary fix the hash from the key.
 */
public enum SignatureAlgorithm {
  SHA224("SHA224"),
  SHA256("SHA256"),
  SHA384("SHA384"),
  SHA512("SHA512");

  final String jcaPrefix;

  SignatureAlgorithm(String jcaPrefix) {
    this.jcaPrefix = jcaPrefix;
  }

  /** Parses Kyverno's {@code signatureAlgorithm} values ({@code sha256}, ...), case-insensitive. */
  public static SignatureAlgorithm fromKyverno(String s) {
    if (s == null || s.isBlank()) {
      return SHA256;
    }
    return switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "sha224" -> SHA224;
      case "sha256" -> SHA256;
      case "sha384" -> SHA384;
      case "sha512" -> SHA512;
      default ->
          throw new TrustMaterialException(
              "unsupported signatureAlgorithm '"
                  + s
                  + "' (expected sha224, sha256, sha384 or sha512)");
    };
  }
}
