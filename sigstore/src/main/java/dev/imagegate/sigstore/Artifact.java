package dev.imagegate.sigstore;

import dev.imagegate.sigstore.internal.Digests;
import java.util.HexFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a bundle is expected to sign: the artifact bytes, or only its digest (an OCI image digest, a
 * conformance {@code sha256:<hex>} argument). For DSSE bundles the artifact must be one of the
 * in-toto statement's subjects.
 */
public sealed interface Artifact {

  record Bytes(byte[] data) implements Artifact {
    public Bytes {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public byte[] digest(String jcaAlgorithm) {
      return Digests.digest(jcaAlgorithm, data);
    }

    @Override
    public String describe() {
      return "artifact of "
          + data.length
          + " bytes (sha256:"
          + Digests.hex(Digests.sha256(data))
          + ")";
    }
  }

  /**
   * @param jcaAlgorithm {@code SHA-256}, {@code SHA-384} or {@code SHA-512}
   */
  record Digest(String jcaAlgorithm, byte[] value) implements Artifact {
    public Digest {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public byte @Nullable [] digest(String jcaAlg) {
      return jcaAlgorithm.equals(jcaAlg) ? value.clone() : null;
    }

    @Override
    public String describe() {
      return Digests.ociName(jcaAlgorithm) + ":" + Digests.hex(value);
    }
  }

  static Artifact of(byte[] data) {
    return new Bytes(data);
  }

  /**
   * Parses {@code sha256:<hex>} (also sha384, sha512); throws {@link IllegalArgumentException} on
   * anything else.
   */
  static Artifact ofDigest(String algColonHex) {
    int colon = algColonHex.indexOf(':');
    String alg = colon < 0 ? null : Digests.jcaName(algColonHex.substring(0, colon));
    if (alg == null) {
      throw new IllegalArgumentException(
          "expected a digest 'sha256:<hex>', 'sha384:<hex>' or 'sha512:<hex>', got '"
              + algColonHex
              + "'");
    }
    byte[] v = HexFormat.of().parseHex(algColonHex.substring(colon + 1).toLowerCase(Locale.ROOT));
    int expected =
        switch (alg) {
          case "SHA-256" -> 32;
          case "SHA-384" -> 48;
          default -> 64;
        };
    if (v.length != expected) {
      throw new IllegalArgumentException(
          alg + " digest must be " + expected + " bytes, got " + v.length);
    }
    return new Digest(alg, v);
  }

  /**
   * The artifact's digest with this algorithm, or null when it is not known (a digest of another
   * algorithm).
   */
  byte @Nullable [] digest(String jcaAlgorithm);

  String describe();
}
