package dev.imagegate.webhook.internal;

import dev.imagegate.webhook.PolicyDocument;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Content hashes used as {@code PolicySet.version}: equal inputs give equal versions across
 * replicas.
 */
final class PolicySetVersions {
  private PolicySetVersions() {}

  static String of(List<PolicyDocument> documents, Map<String, Map<String, String>> context) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (PolicyDocument document : documents) {
        update(digest, document.origin());
        update(digest, document.content());
      }
      new TreeMap<>(context)
          .forEach(
              (configMap, data) -> {
                update(digest, configMap);
                new TreeMap<>(data)
                    .forEach(
                        (key, value) -> {
                          update(digest, key);
                          update(digest, value);
                        });
              });
      return HexFormat.of().formatHex(digest.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }
}
