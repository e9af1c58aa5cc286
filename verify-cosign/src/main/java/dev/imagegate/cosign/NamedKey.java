package dev.imagegate.cosign;

import dev.imagegate.trust.PublicKeys;
import java.security.PublicKey;

/** A trusted public key and where it came from (file name, policy attestor), for messages. */
public record NamedKey(String source, PublicKey key) {
  /** {@code cosign.pub (ECDSA P-256 key 1a2b3c4d5e6f7a8b)}. */
  public String describe() {
    return source + " (" + PublicKeys.describe(key) + ")";
  }
}
