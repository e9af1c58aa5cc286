package dev.imagegate.sigstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inclusion proofs for every leaf of trees of several sizes, checked against an independent RFC
 * 6962 tree.
 */
class MerkleTest {
  @ParameterizedTest(name = "tree size {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 17})
  void everyLeafProvesInclusion(int size) {
    List<byte[]> leaves = leaves(size);
    byte[] root = mth(leaves);
    for (int i = 0; i < size; i++) {
      List<byte[]> proof = path(i, leaves);
      byte[] leafHash = Merkle.leafHash(leaves.get(i));
      assertThat(Merkle.rootFromInclusionProof(i, size, leafHash, proof))
          .as("leaf %d", i)
          .isEqualTo(root);
      if (!proof.isEmpty()) {
        List<byte[]> bad = new ArrayList<>(proof);
        byte[] flipped = bad.get(0).clone();
        flipped[0] ^= 1;
        bad.set(0, flipped);
        assertThat(Merkle.rootFromInclusionProof(i, size, leafHash, bad)).isNotEqualTo(root);
        assertThat(
                Merkle.rootFromInclusionProof(
                    i, size, leafHash, proof.subList(0, proof.size() - 1)))
            .isNull();
      }
    }
    assertThat(Merkle.rootFromInclusionProof(size, size, Merkle.leafHash(leaves.get(0)), List.of()))
        .isNull();
  }

  private static List<byte[]> leaves(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(("leaf-" + i).getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  /** RFC 6962 section 2.1 MTH, written recursively and independently of the code under test. */
  private static byte[] mth(List<byte[]> d) {
    if (d.size() == 1) {
      return Merkle.leafHash(d.get(0));
    }
    int k = Integer.highestOneBit(d.size() - 1);
    return Merkle.nodeHash(mth(d.subList(0, k)), mth(d.subList(k, d.size())));
  }

  /** RFC 6962 section 2.1.1 PATH(m, D). */
  private static List<byte[]> path(int m, List<byte[]> d) {
    List<byte[]> out = new ArrayList<>();
    if (d.size() <= 1) {
      return out;
    }
    int k = Integer.highestOneBit(d.size() - 1);
    if (m < k) {
      out.addAll(path(m, d.subList(0, k)));
      out.add(mth(d.subList(k, d.size())));
    } else {
      out.addAll(path(m - k, d.subList(k, d.size())));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }
}
