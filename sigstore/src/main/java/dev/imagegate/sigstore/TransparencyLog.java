package dev.imagegate.sigstore;

import java.security.PublicKey;
import java.util.HexFormat;

/**
 * A transparency log (Rekor) or certificate transparency log instance from a trusted root: its key,
 * the log ID used to select it ({@code SHA-256} of the key's SPKI for Rekor v1 and CT logs), and
 * the period its key was valid.
 */
public record TransparencyLog(
    String baseUrl, PublicKey publicKey, byte[] logId, TimeRange validFor) {
  public TransparencyLog {
    logId = logId.clone();
  }

  @Override
  public byte[] logId() {
    return logId.clone();
  }

  public String logIdHex() {
    return HexFormat.of().formatHex(logId);
  }

  public boolean hasLogId(byte[] id) {
    return java.security.MessageDigest.isEqual(logId, id);
  }

  @Override
  public String toString() {
    return "TransparencyLog["
        + (baseUrl.isEmpty() ? "(no url)" : baseUrl)
        + ", logId "
        + logIdHex()
        + ", validFor "
        + validFor
        + "]";
  }
}
