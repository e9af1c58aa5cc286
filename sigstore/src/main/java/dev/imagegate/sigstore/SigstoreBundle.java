package dev.imagegate.sigstore;

import dev.imagegate.sigstore.internal.BundleParser;
import dev.imagegate.trust.Dsse;
import java.security.cert.X509Certificate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A parsed Sigstore bundle (v0.1, v0.2, v0.3). Parsing checks structure only; nothing here is
 * trusted until {@link BundleVerifier} has verified it.
 *
 * @param certificates the signing certificate first, then any chain the bundle carries (hints
 *     only); empty for key-signed bundles
 * @param publicKeyHint the {@code publicKey.hint} of a key-signed bundle, null otherwise
 */
public record SigstoreBundle(
    String mediaType,
    Version version,
    List<X509Certificate> certificates,
    @Nullable String publicKeyHint,
    List<TlogEntry> tlogEntries,
    List<byte[]> rfc3161Timestamps,
    Content content) {

  /** Upper bound on an accepted bundle document. */
  public static final int MAX_BYTES = 10 * 1024 * 1024;

  public enum Version {
    V0_1,
    V0_2,
    V0_3;

    /**
     * v0.2 and later must carry an inclusion proof for every log entry; v0.1 may rely on the SET
     * alone.
     */
    public boolean requiresInclusionProof() {
      return this != V0_1;
    }
  }

  /** What was signed: a message signature over an artifact digest, or a DSSE envelope. */
  public sealed interface Content {}

  /**
   * @param digestAlgorithm the protobuf name, e.g. {@code SHA2_256}; null when the bundle gives no
   *     digest
   */
  public record MessageSignature(
      @Nullable String digestAlgorithm, byte @Nullable [] digest, byte[] signature)
      implements Content {}

  public record DsseEnvelope(Dsse.Envelope envelope) implements Content {}

  public SigstoreBundle {
    certificates = List.copyOf(certificates);
    tlogEntries = List.copyOf(tlogEntries);
    rfc3161Timestamps = List.copyOf(rfc3161Timestamps);
  }

  /**
   * Parses a bundle's JSON, checking structure only.
   *
   * @throws BundleFormatException when the document is larger than {@link #MAX_BYTES}, not JSON, of
   *     an unknown media type, or misses or mis-types a required field
   */
  public static SigstoreBundle parse(byte[] json) throws BundleFormatException {
    return BundleParser.parse(json);
  }

  public boolean isKeySigned() {
    return certificates.isEmpty();
  }

  /**
   * The bytes a timestamp authority stamped: the raw signature (message signature or the DSSE
   * signature).
   */
  public byte[] signatureBytes() {
    return switch (content) {
      case MessageSignature m -> m.signature();
      case DsseEnvelope d -> d.envelope().signatures().get(0).sig();
    };
  }
}
