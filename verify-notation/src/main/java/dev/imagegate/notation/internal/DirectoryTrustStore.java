package dev.imagegate.notation.internal;

import dev.imagegate.notation.NotationConfigException;
import dev.imagegate.notation.TrustStore;
import dev.imagegate.notation.TrustStoreType;
import dev.imagegate.trust.Certificates;
import dev.imagegate.trust.TrustMaterialException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Trust stores under {@code <root>/x509/<type>/<name>/}. Every regular file is read (PEM with one
 * or more certificates, or DER) regardless of extension; sub-directories and symlinks are refused
 * as notation-go does, so that what is trusted is exactly what an operator sees in the folder.
 */
public final class DirectoryTrustStore implements TrustStore {
  static final int MAX_FILES = 256;
  static final long MAX_FILE_BYTES = 1 << 20;

  private final Path root;
  private final Map<String, List<X509Certificate>> cache = new ConcurrentHashMap<>();

  public DirectoryTrustStore(Path root) {
    this.root = root;
  }

  @Override
  public List<X509Certificate> certificates(TrustStoreType type, String name) {
    return cache.computeIfAbsent(type.policyName() + ":" + name, k -> load(type, name));
  }

  private List<X509Certificate> load(TrustStoreType type, String name) {
    if (!name.matches(STORE_NAME_PATTERN)) {
      throw new NotationConfigException(
          "trust store name \"" + name + "\" is invalid; it must match " + STORE_NAME_PATTERN);
    }
    Path dir = root.resolve("x509").resolve(type.policyName()).resolve(name);
    if (Files.isSymbolicLink(dir)) {
      throw new NotationConfigException(
          "trust store " + dir + " is a symlink, which is not supported");
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new NotationConfigException(
          "the trust store \""
              + name
              + "\" of type \""
              + type.policyName()
              + "\" does not exist (expected directory "
              + dir
              + ")");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.sorted().limit(MAX_FILES + 1L).toList();
    } catch (IOException e) {
      throw new NotationConfigException(
          "cannot list trust store " + dir + ": " + e.getMessage(), e);
    }
    if (files.size() > MAX_FILES) {
      throw new NotationConfigException(
          "trust store " + dir + " has more than " + MAX_FILES + " files");
    }
    List<X509Certificate> certs = new ArrayList<>();
    for (Path file : files) {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new NotationConfigException(
            "trust store "
                + dir
                + " contains "
                + file.getFileName()
                + ", which is not a regular file (directories and symlinks are not supported)");
      }
      List<X509Certificate> fileCerts = readCertificates(file, name, type);
      TrustStoreRules.validateStore(type, name, file.toString(), fileCerts);
      certs.addAll(fileCerts);
    }
    TrustStoreRules.validateStore(type, name, dir.toString(), certs);
    return List.copyOf(certs);
  }

  /** PEM (any number of CERTIFICATE blocks) or a single DER certificate. */
  public static List<X509Certificate> readCertificates(
      Path file, String storeName, TrustStoreType type) {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new NotationConfigException(
            "trusted certificate file " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
      }
      byte[] bytes = Files.readAllBytes(file);
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      if (text.contains("-----BEGIN")) {
        return Certificates.parsePem(text);
      }
      return List.of(Certificates.parse(bytes));
    } catch (IOException | TrustMaterialException e) {
      throw new NotationConfigException(
          "failed to read the trusted certificate "
              + file
              + " in trust store \""
              + storeName
              + "\" of type \""
              + type.policyName()
              + "\": "
              + e.getMessage(),
          e);
    }
  }
}
