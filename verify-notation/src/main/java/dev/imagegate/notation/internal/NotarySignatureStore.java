package dev.imagegate.notation.internal;

import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.Manifest;
import dev.imagegate.oci.MediaTypes;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.Repository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds Notary Project signatures of an artifact (OCI referrers, in a registry or an OCI layout)
 * and reads their envelopes, with the structural rules of the signature specification (section "OCI
 * Signatures"): an image manifest, either {@code artifactType:
 * application/vnd.cncf.notary.signature} or the legacy {@code config.mediaType:
 * application/vnd.cncf.notary.signature}, exactly one layer (the envelope), a {@code subject} equal
 * to the signed artifact.
 */
public final class NotarySignatureStore {
  /** notation-go's bound on a signature envelope blob is 32 MiB; real envelopes are a few KiB. */
  public static final long MAX_ENVELOPE_BYTES = EnvelopeLimits.MAX_ENVELOPE_BYTES;

  private NotarySignatureStore() {}

  /** A signature manifest read from the repository: the envelope, or why it cannot be verified. */
  public sealed interface Fetched {
    Descriptor manifest();

    /** The envelope blob and its layer media type. */
    record Envelope(Descriptor manifest, byte[] bytes, String mediaType) implements Fetched {}

    /** Structurally not a usable Notary signature (missing, wrong shape, wrong subject). */
    record Unusable(Descriptor manifest, String reason) implements Fetched {}
  }

  /**
   * Referrers of {@code subject} that are Notary signatures, in listing order. Entries whose
   * artifact type is absent or the empty-config type are read to find their effective type (some
   * referrers-tag writers label entries with the config media type).
   */
  public static List<Descriptor> list(Repository repo, Digest subject) throws RegistryException {
    List<Descriptor> out = new ArrayList<>();
    for (Descriptor d : repo.referrers(subject, null)) {
      String type = d.artifactType();
      if (MediaTypes.NOTARY_SIGNATURE.equals(type)) {
        out.add(d);
      } else if (type == null || type.isEmpty() || MediaTypes.OCI_EMPTY.equals(type)) {
        Optional<Manifest> m = repo.manifest(d.digest().toString());
        if (m.isPresent()
            && m.get().content() instanceof Manifest.ImageManifest im
            && MediaTypes.NOTARY_SIGNATURE.equals(im.effectiveArtifactType())) {
          out.add(d);
        }
      }
    }
    return out;
  }

  /** Reads the signature manifest {@code sig} and its envelope; registry failures propagate. */
  public static Fetched fetch(Repository repo, Descriptor sig, Digest subject)
      throws RegistryException {
    Optional<Manifest> found = repo.manifest(sig.digest().toString());
    if (found.isEmpty()) {
      return new Fetched.Unusable(
          sig,
          "the signature manifest is listed as a referrer but does not exist in " + repo.name());
    }
    if (!(found.get().content() instanceof Manifest.ImageManifest m)) {
      return new Fetched.Unusable(
          sig,
          "the signature is an image index ("
              + found.get().content().mediaType()
              + "), expected an image manifest");
    }
    String problem = shapeProblem(m, subject);
    if (problem != null) {
      return new Fetched.Unusable(sig, problem);
    }
    Descriptor layer = m.layers().get(0);
    if (layer.size() > MAX_ENVELOPE_BYTES) {
      return new Fetched.Unusable(
          sig,
          "the signature envelope is "
              + layer.size()
              + " bytes, more than the limit of "
              + MAX_ENVELOPE_BYTES);
    }
    return new Fetched.Envelope(sig, repo.blob(layer, MAX_ENVELOPE_BYTES), layer.mediaType());
  }

  static @Nullable String shapeProblem(Manifest.ImageManifest m, Digest subject) {
    String configType = m.config() == null ? null : m.config().mediaType();
    boolean current = MediaTypes.NOTARY_SIGNATURE.equals(m.artifactType());
    boolean legacy =
        (m.artifactType() == null || m.artifactType().isEmpty())
            && MediaTypes.NOTARY_SIGNATURE.equals(configType);
    if (!current && !legacy) {
      return "not a Notary signature manifest: expected artifactType or config.mediaType \""
          + MediaTypes.NOTARY_SIGNATURE
          + "\", found artifactType \""
          + m.artifactType()
          + "\" and config.mediaType \""
          + configType
          + "\"";
    }
    if (m.subject() == null || !subject.equals(m.subject().digest())) {
      return "the signature manifest's subject is "
          + (m.subject() == null ? "missing" : m.subject().digest())
          + ", expected "
          + subject;
    }
    if (m.layers().size() != 1) {
      return "signature manifest requires exactly one signature envelope blob, got "
          + m.layers().size();
    }
    return null;
  }
}
