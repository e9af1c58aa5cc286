package dev.imagegate.notation.internal;

import dev.imagegate.notation.NotationConfigException;
import dev.imagegate.notation.RatifyNotationConfig;
import dev.imagegate.notation.TrustPolicyStatement.TrustStoreRef;
import dev.imagegate.notation.TrustStore;
import dev.imagegate.notation.TrustStoreType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Turns Ratify's certificate configuration into named trust stores. */
public final class RatifyTrustBuilder {
  private static final int MAX_FILES = 1024;

  private RatifyTrustBuilder() {}

  public static TrustStore build(
      RatifyNotationConfig config,
      RatifyNotationConfig.CertificateProvider provider,
      Path baseDir) {
    Map<TrustStoreType, Map<String, List<X509Certificate>>> stores =
        new EnumMap<>(TrustStoreType.class);
    if (!config.verificationCertStores().isEmpty()) {
      config
          .verificationCertStores()
          .forEach(
              (type, named) ->
                  named.forEach(
                      (name, refs) -> {
                        List<X509Certificate> certs = new ArrayList<>();
                        for (String ref : refs) {
                          certs.addAll(provider.certificates(ref));
                        }
                        stores
                            .computeIfAbsent(type, t -> new HashMap<>())
                            .put(name, filter(certs, type, name));
                      }));
    } else {
      List<X509Certificate> all = new ArrayList<>();
      for (String p : config.verificationCerts()) {
        all.addAll(readPath(baseDir.resolve(p)));
      }
      for (var statement : config.trustPolicy().statements()) {
        for (TrustStoreRef ref : statement.trustStores()) {
          stores
              .computeIfAbsent(ref.type(), t -> new HashMap<>())
              .put(ref.name(), filter(all, ref.type(), ref.name()));
        }
      }
    }
    return TrustStore.of(stores);
  }

  /**
   * Ratify keeps CA certificates and self-signed leaves and drops the rest; an empty result is an
   * error.
   */
  private static List<X509Certificate> filter(
      List<X509Certificate> certs, TrustStoreType type, String name) {
    List<X509Certificate> kept =
        certs.stream().filter(c -> TrustStoreRules.problem(type, c).isEmpty()).toList();
    if (kept.isEmpty()) {
      throw new NotationConfigException(
          "no usable certificate for trust store \""
              + type.policyName()
              + ":"
              + name
              + "\" (Ratify keeps CA certificates and self-signed certificates only)");
    }
    return kept;
  }

  private static List<X509Certificate> readPath(Path path) {
    if (!Files.exists(path)) {
      throw new NotationConfigException("verificationCerts path " + path + " does not exist");
    }
    if (Files.isRegularFile(path)) {
      return DirectoryTrustStore.readCertificates(path, path.toString(), TrustStoreType.CA);
    }
    List<X509Certificate> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(path)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().limit(MAX_FILES).toList()) {
        out.addAll(DirectoryTrustStore.readCertificates(f, path.toString(), TrustStoreType.CA));
      }
    } catch (IOException e) {
      throw new NotationConfigException(
          "cannot read verificationCerts path " + path + ": " + e.getMessage(), e);
    }
    return out;
  }
}
