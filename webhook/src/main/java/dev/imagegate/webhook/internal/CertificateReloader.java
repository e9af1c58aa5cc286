package dev.imagegate.webhook.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Watches the certificate and key files and installs new material into the {@link
 * ReloadingKeyManager} when they change (cert-manager renewals, kubelet's symlink swap of mounted
 * secrets).
 *
 * <p>Compares a hash of the files' contents rather than modification times: a symlink swap can
 * present files with older mtimes, and coarse mtimes miss quick successive writes. Both files are
 * tiny. A half-written rotation (key and certificate do not match yet) keeps the old material and
 * is retried at the next check.
 */
public final class CertificateReloader {
  private static final JsonLog LOG = JsonLog.forClass(CertificateReloader.class);

  private final Path certFile;
  private final Path keyFile;
  private final ReloadingKeyManager keyManager;
  private final WebhookMetrics metrics;
  private byte @Nullable [] installedFingerprint;

  public CertificateReloader(
      Path certFile, Path keyFile, ReloadingKeyManager keyManager, WebhookMetrics metrics) {
    this.certFile = certFile;
    this.keyFile = keyFile;
    this.keyManager = keyManager;
    this.metrics = metrics;
    this.installedFingerprint = fingerprint();
  }

  /** Checks the files once; returns whether new material was installed. */
  public synchronized boolean checkNow() {
    byte[] now = fingerprint();
    if (now == null || Arrays.equals(now, installedFingerprint)) {
      return false;
    }
    try {
      PemKeyMaterial material = PemKeyMaterial.load(certFile, keyFile);
      keyManager.install(material);
      installedFingerprint = now;
      metrics.tlsReload(true);
      LOG.info(
          "TLS certificate reloaded",
          "subject",
          material.leaf().getSubjectX500Principal().getName(),
          "not_after",
          material.leaf().getNotAfter().toInstant().toString());
      return true;
    } catch (RuntimeException e) {
      metrics.tlsReload(false);
      LOG.warn(
          "TLS files changed but cannot be used yet; keeping the current certificate",
          "cert",
          certFile.toString(),
          "reason",
          e.getMessage());
      return false;
    }
  }

  private byte @Nullable [] fingerprint() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(Files.readAllBytes(certFile));
      digest.update((byte) 0);
      digest.update(Files.readAllBytes(keyFile));
      return digest.digest();
    } catch (IOException e) {
      return null; // mid-swap or briefly missing: try again next time
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
