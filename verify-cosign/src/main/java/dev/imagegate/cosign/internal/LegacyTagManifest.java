package dev.imagegate.cosign.internal;

import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.Manifest;
import dev.imagegate.oci.MediaTypes;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.Repository;
import dev.imagegate.verify.Failure;
import dev.imagegate.verify.PhaseTimings;
import dev.imagegate.verify.PhaseTimings.Phase;
import java.util.Optional;

/**
 * The legacy cosign storage shared by {@link LegacySignatures} and {@link LegacyAttestations}: a
 * manifest tagged {@code <alg>-<hex>.sig} (or {@code .att}) in the signature repository, one
 * signature (or DSSE attestation) per layer. At most {@link #MAX_LAYERS} layers are examined; more
 * are reported as a malformed finding, never silently dropped. A layer of another media type is a
 * malformed finding too.
 */
final class LegacyTagManifest {
  /** Bound on layers examined per manifest. */
  static final int MAX_LAYERS = 64;

  /** The two tags: their layers' media type, and the words their findings use. */
  enum Kind {
    SIGNATURES(
        ".sig", MediaTypes.COSIGN_SIMPLESIGNING, "cosign", "cosign simple signing", "signature"),
    ATTESTATIONS(
        ".att",
        MediaTypes.DSSE_ENVELOPE,
        "cosign attestation",
        "cosign attestation",
        "attestation");

    private final String suffix;
    private final String mediaType;
    private final String finding;
    private final String layerFinding;
    private final String noun;

    Kind(String suffix, String mediaType, String finding, String layerFinding, String noun) {
      this.suffix = suffix;
      this.mediaType = mediaType;
      this.finding = finding;
      this.layerFinding = layerFinding;
      this.noun = noun;
    }

    /** The kind of the findings about one layer. */
    String layerFinding() {
      return layerFinding;
    }
  }

  /** Checks one layer of the expected media type, adding what it found. */
  @FunctionalInterface
  interface LayerCheck {
    void check(Descriptor layer, String where, Checked into) throws RegistryException;
  }

  private LegacyTagManifest() {}

  /**
   * Runs {@code check} on each layer of the {@code kind} manifest for {@code digest}; nothing found
   * when there is no such manifest (or it is not an image manifest).
   *
   * @throws RegistryException when the registry fails
   */
  static Checked examine(
      Repository repo, Digest digest, Kind kind, PhaseTimings timings, LayerCheck check)
      throws RegistryException {
    Checked checked = new Checked();
    String tag = digest.tagForm() + kind.suffix;
    Optional<Manifest> found = timings.time(Phase.DISCOVER, () -> repo.manifest(tag));
    if (found.isEmpty() || !(found.get().content() instanceof Manifest.ImageManifest m)) {
      return checked;
    }
    int index = 0;
    for (Descriptor layer : m.layers()) {
      String where = repo.name() + ":" + tag + " layer " + index;
      if (index++ == MAX_LAYERS) {
        checked.failed(
            where,
            kind.finding,
            Failure.Code.MALFORMED,
            "more than " + MAX_LAYERS + " " + kind.noun + " layers; the rest were not examined");
        break;
      }
      if (!kind.mediaType.equals(layer.mediaType())) {
        checked.failed(
            where,
            kind.layerFinding,
            Failure.Code.MALFORMED,
            "layer media type is " + layer.mediaType() + ", expected " + kind.mediaType);
        continue;
      }
      check.check(layer, where, checked);
    }
    return checked;
  }
}
