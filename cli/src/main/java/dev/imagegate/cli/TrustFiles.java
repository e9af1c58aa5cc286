package dev.imagegate.cli;

import dev.imagegate.cosign.CosignTrust;
import dev.imagegate.sigstore.TrustedRoot;
import dev.imagegate.trust.Certificates;
import dev.imagegate.trust.TrustMaterialException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads trust material files named on the command line; a bad file is a usage error (exit 2) naming
 * the flag.
 */
final class TrustFiles {
  /** Certificates, keys and trusted roots are small; anything larger is the wrong file. */
  static final long MAX_BYTES = 4L << 20;

  private TrustFiles() {}

  static String text(Path file, String flag) {
    return new String(bytes(file, flag), java.nio.charset.StandardCharsets.UTF_8);
  }

  static byte[] bytes(Path file, String flag) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new UsageException(
            flag + " " + file + ": file is larger than " + MAX_BYTES + " bytes");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UsageException(
          flag + " " + file + ": cannot read the file (" + e.getMessage() + ")", e);
    }
  }

  static List<X509Certificate> certificates(Path file, String flag) {
    try {
      List<X509Certificate> certs = Certificates.parsePem(text(file, flag));
      if (certs.isEmpty()) {
        throw new UsageException(flag + " " + file + ": no PEM certificate found");
      }
      return certs;
    } catch (TrustMaterialException e) {
      throw new UsageException(flag + " " + file + ": " + e.getMessage(), e);
    }
  }

  static TrustedRoot trustedRoot(Path file, String flag) {
    try {
      return TrustedRoot.parse(bytes(file, flag));
    } catch (TrustMaterialException e) {
      throw new UsageException(flag + " " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code --trusted-root FILE} of {@code verify} and {@code verify-bundle}; without it, the
   * bundled Sigstore public-good root (imagegate never fetches TUF).
   */
  static TrustedRoot trustedRootOrPublicGood(@Nullable Path file) {
    return file != null ? trustedRoot(file, "--trusted-root") : CosignTrust.publicGood();
  }
}
