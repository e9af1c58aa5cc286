package dev.imagegate.notation;

import dev.imagegate.notation.internal.DirectoryTrustStore;
import dev.imagegate.notation.internal.TrustStoreRules;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Named X.509 trust stores as notation lays them out ({@code
 * x509/{ca,signingAuthority,tsa}/NAME/}). A store that does not exist or holds an unacceptable
 * certificate is broken configuration: the lookup throws {@link NotationConfigException} naming the
 * store and file.
 */
public interface TrustStore {
  /** Pattern a named store must match. */
  String STORE_NAME_PATTERN = "[a-zA-Z0-9_.-]+";

  /** The validated certificates of one named store, never empty. */
  List<X509Certificate> certificates(TrustStoreType type, String name);

  /**
   * Stores read from a directory that contains {@code x509/}, like notation's {@code
   * ~/.config/notation/truststore}. Stores load on first use and are cached.
   */
  static TrustStore directory(Path root) {
    return new DirectoryTrustStore(root);
  }

  /** Stores held in memory, validated now with the same rules as the directory form. */
  static TrustStore of(Map<TrustStoreType, Map<String, List<X509Certificate>>> stores) {
    Map<TrustStoreType, Map<String, List<X509Certificate>>> copy = new HashMap<>();
    stores.forEach(
        (type, named) ->
            named.forEach(
                (name, certs) -> {
                  TrustStoreRules.validateStore(type, name, "(in memory)", certs);
                  copy.computeIfAbsent(type, t -> new HashMap<>()).put(name, List.copyOf(certs));
                }));
    return (type, name) -> {
      List<X509Certificate> certs = copy.getOrDefault(type, Map.of()).get(name);
      if (certs == null) {
        throw new NotationConfigException(
            "the trust store \""
                + name
                + "\" of type \""
                + type.policyName()
                + "\" does not exist");
      }
      return certs;
    };
  }
}
