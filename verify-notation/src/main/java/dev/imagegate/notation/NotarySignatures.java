package dev.imagegate.notation;

import dev.imagegate.notation.internal.NotarySignatureStore;
import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.Repository;
import java.util.List;

/**
 * Notary Project signatures of an artifact as stored, for tools that show them ({@code imagegate
 * inspect}): the same discovery and structural checks the verifier applies, with nothing verified.
 */
public final class NotarySignatures {
  private NotarySignatures() {}

  /** A signature manifest as read: its envelope, or why it is not a usable Notary signature. */
  public sealed interface Stored {
    /** The envelope blob and its layer media type (read {@link SignatureInspection#inspect}). */
    record Envelope(byte[] bytes, String mediaType) implements Stored {}

    /** Structurally not a usable Notary signature (missing, wrong shape, wrong subject). */
    record Unusable(String reason) implements Stored {}
  }

  /**
   * Referrers of {@code subject} that are Notary signatures, in listing order.
   *
   * @throws RegistryException when the registry cannot be read
   */
  public static List<Descriptor> list(Repository repo, Digest subject) throws RegistryException {
    return NotarySignatureStore.list(repo, subject);
  }

  /**
   * Reads the signature manifest {@code signature} of {@code subject} and its envelope (bounded as
   * in verification).
   *
   * @throws RegistryException when the registry cannot be read
   */
  public static Stored read(Repository repo, Descriptor signature, Digest subject)
      throws RegistryException {
    return switch (NotarySignatureStore.fetch(repo, signature, subject)) {
      case NotarySignatureStore.Fetched.Envelope e -> new Stored.Envelope(e.bytes(), e.mediaType());
      case NotarySignatureStore.Fetched.Unusable u -> new Stored.Unusable(u.reason());
    };
  }
}
