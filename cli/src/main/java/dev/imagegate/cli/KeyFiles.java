package dev.imagegate.cli;

import dev.imagegate.cosign.NamedKey;
import dev.imagegate.trust.PublicKeys;
import dev.imagegate.trust.TrustMaterialException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Loads {@code --key} values: PEM files (several keys per file allowed); KMS URIs are recognised
 * and refused offline.
 */
final class KeyFiles {
  private static final Pattern KMS =
      Pattern.compile("^(awskms|gcpkms|azurekms|hashivault|k8s|pkcs11|env)://.*|^pkcs11:.*");

  /** A key file larger than this is not a key file. */
  private static final long MAX_KEY_FILE_BYTES = 1 << 20;

  private KeyFiles() {}

  static List<NamedKey> load(List<String> values) {
    List<NamedKey> keys = new ArrayList<>();
    for (String v : values) {
      if (KMS.matcher(v).matches()) {
        throw new UsageException(
            "--key "
                + v
                + ": KMS, Kubernetes secret and PKCS#11 keys are not available offline;"
                + " export the public key to a PEM file (cosign public-key --key "
                + v
                + " > key.pub) and pass that file");
      }
      Path p = Path.of(v);
      try {
        if (Files.size(p) > MAX_KEY_FILE_BYTES) {
          throw new UsageException(
              "--key "
                  + v
                  + ": file is larger than "
                  + MAX_KEY_FILE_BYTES
                  + " bytes; not a key file");
        }
        List<PublicKey> parsed = PublicKeys.parseAll(Files.readString(p));
        for (int i = 0; i < parsed.size(); i++) {
          keys.add(
              new NamedKey(
                  parsed.size() == 1 ? p.getFileName().toString() : p.getFileName() + "#" + i,
                  parsed.get(i)));
        }
      } catch (IOException e) {
        throw new UsageException(
            "--key " + v + ": cannot read the file (" + e.getMessage() + ")", e);
      } catch (TrustMaterialException e) {
        throw new UsageException("--key " + v + ": " + e.getMessage(), e);
      }
    }
    return keys;
  }
}
