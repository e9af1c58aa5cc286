package dev.imagegate.cosign.internal;

import dev.imagegate.cosign.NamedKey;
import dev.imagegate.trust.SignatureAlgorithm;
import dev.imagegate.trust.Signatures;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Finds which configured key, if any, verifies a signature. */
public final class KeyMatcher {
  private final List<NamedKey> keys;
  private final SignatureAlgorithm hash;

  public KeyMatcher(List<NamedKey> keys, SignatureAlgorithm hash) {
    this.keys = keys;
    this.hash = hash;
  }

  /** The first key that verifies {@code signature} over {@code data}, or null. */
  public @Nullable NamedKey match(byte[] data, byte[] signature) {
    for (NamedKey k : keys) {
      if (Signatures.verify(k.key(), hash, data, signature)) {
        return k;
      }
    }
    return null;
  }

  /** For messages: "cosign.pub (ECDSA P-256 key ...)" or a list. */
  public String describeKeys() {
    return keys.size() == 1
        ? keys.get(0).describe()
        : keys.stream().map(NamedKey::describe).collect(Collectors.joining(", ", "any of [", "]"));
  }
}
