package dev.imagegate.sigstore;

import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One transparency log entry carried by a bundle. {@code integratedTime} is 0 when absent (Rekor
 * v2); {@code signedEntryTimestamp} and {@code inclusionProof} are null when absent.
 */
public record TlogEntry(
    long logIndex,
    byte[] logId,
    String kind,
    String version,
    long integratedTime,
    byte @Nullable [] signedEntryTimestamp,
    @Nullable InclusionProof inclusionProof,
    byte[] canonicalizedBody) {

  /**
   * RFC 6962 inclusion proof with the signed checkpoint (C2SP signed note) it commits to; {@code
   * checkpoint} may be null.
   */
  public record InclusionProof(
      long logIndex,
      byte[] rootHash,
      long treeSize,
      List<byte[]> hashes,
      @Nullable String checkpoint) {
    public InclusionProof {
      hashes = List.copyOf(hashes);
    }
  }

  public String kindVersion() {
    return kind + ":" + version;
  }

  /** The body exactly as the log stored it, base64, as the SET payload spells it. */
  public String bodyBase64() {
    return Base64.getEncoder().encodeToString(canonicalizedBody);
  }
}
