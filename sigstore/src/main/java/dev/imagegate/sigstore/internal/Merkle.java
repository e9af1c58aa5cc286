package dev.imagegate.sigstore.internal;

import java.security.MessageDigest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** RFC 6962 / RFC 9162 Merkle tree hashing and inclusion proof verification (SHA-256). */
public final class Merkle {
  private Merkle() {}

  public static byte[] leafHash(byte[] leaf) {
    MessageDigest md = Digests.sha256Digest();
    md.update((byte) 0x00);
    md.update(leaf);
    return md.digest();
  }

  static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest md = Digests.sha256Digest();
    md.update((byte) 0x01);
    md.update(left);
    md.update(right);
    return md.digest();
  }

  /**
   * Computes the root implied by an inclusion proof (RFC 9162 section 2.1.3.2), or returns null
   * when the proof has the wrong number of hashes for this index and tree size.
   */
  public static byte @Nullable [] rootFromInclusionProof(
      long index, long treeSize, byte[] leafHash, List<byte[]> proof) {
    if (index < 0 || treeSize <= 0 || index >= treeSize) {
      return null;
    }
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (p.length != 32 || sn == 0) {
        return null;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 ? r : null;
  }
}
