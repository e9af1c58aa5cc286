package dev.imagegate.notation;

import dev.imagegate.notation.internal.NotaryAttestationLoader;
import dev.imagegate.notation.internal.NotarySignatureRun;
import dev.imagegate.notation.internal.SignatureRunResult;
import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.Manifest;
import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.Repository;
import dev.imagegate.verify.Failure;
import dev.imagegate.verify.ImageVerifier;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.PhaseTimings;
import dev.imagegate.verify.PhaseTimings.Phase;
import dev.imagegate.verify.VerifiedAttestation;
import dev.imagegate.verify.VerifiedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Verifies the Notary Project signatures of an image (or any OCI artifact) held in a registry or an
 * OCI layout, as {@code notation verify} does: signatures are the referrers of the image digest
 * with artifact type {@code application/vnd.cncf.notary.signature}; each envelope is verified with
 * {@link NotaryVerifier} until one passes, at most {@link #DEFAULT_MAX_SIGNATURE_ATTEMPTS} per
 * artifact. Notary attestations (referrers of a given artifact type, each signed by its own Notary
 * signature) are verified with {@link #verifyAttestations}. Thread-safe.
 *
 * <pre>{@code
 * NotaryImageVerifier v = NotaryImageVerifier.builder(ociClient).verifier(NotaryVerifier.builder().build()).build();
 * NotaryImageReport r = v.verify(ref, digest, trust, Mode.FIRST_VALID, new PhaseTimings());
 * }</pre>
 *
 * <p>{@link NotationConfigException} escapes for broken configuration (a trust store the policy
 * names is missing); registry failures are {@link Outcome.Error}s.
 */
public final class NotaryImageVerifier extends ImageVerifier {
  /** notation's default {@code --max-signatures}. Kyverno uses 10. */
  public static final int DEFAULT_MAX_SIGNATURE_ATTEMPTS = 50;

  /** Kyverno's bound on a Notary attestation payload (10 MB). */
  public static final long DEFAULT_MAX_PAYLOAD_BYTES = 10_000_000L;

  /**
   * Bound on attestation referrers of one type examined per image (Kyverno refuses more than 50
   * referrers).
   */
  public static final int MAX_ATTESTATIONS = 50;

  /**
   * {@code FIRST_VALID}: stop at the first verified signature (notation). {@code ALL}: verify every
   * one (Ratify).
   */
  public enum Mode {
    FIRST_VALID,
    ALL
  }

  private final OciClient client;
  private final NotaryVerifier verifier;
  private final int maxSignatureAttempts;
  private final long maxPayloadBytes;

  private NotaryImageVerifier(Builder b) {
    this.client = b.client;
    this.verifier = b.verifier != null ? b.verifier : NotaryVerifier.builder().build();
    this.maxSignatureAttempts = b.maxSignatureAttempts;
    this.maxPayloadBytes = b.maxPayloadBytes;
  }

  public static Builder builder(OciClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /**
   * Builder; defaults: {@code NotaryVerifier.builder().build()}, 50 signature attempts, 10 MB
   * payloads.
   */
  public static final class Builder {
    private final OciClient client;
    private @Nullable NotaryVerifier verifier;
    private int maxSignatureAttempts = DEFAULT_MAX_SIGNATURE_ATTEMPTS;
    private long maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;

    private Builder(OciClient client) {
      this.client = client;
    }

    public Builder verifier(NotaryVerifier v) {
      this.verifier = Objects.requireNonNull(v);
      return this;
    }

    public Builder maxSignatureAttempts(int n) {
      if (n < 1) {
        throw new IllegalArgumentException(
            "the maximum number of signatures to verify must be at least 1, got " + n);
      }
      this.maxSignatureAttempts = n;
      return this;
    }

    public Builder maxPayloadBytes(long n) {
      if (n < 1) {
        throw new IllegalArgumentException(
            "the attestation payload limit must be positive, got " + n);
      }
      this.maxPayloadBytes = n;
      return this;
    }

    public NotaryImageVerifier build() {
      return new NotaryImageVerifier(this);
    }
  }

  @Override
  protected String name() {
    return "notary";
  }

  /** Verifies the signatures of {@code ref} resolved to {@code digest} against {@code trust}. */
  public NotaryImageReport verify(
      ImageReference ref, Digest digest, NotaryTrust trust, Mode mode, PhaseTimings timings) {
    Repository repo = client.repository(ref);
    Optional<Descriptor> target;
    try {
      target = describe(repo, digest, timings);
    } catch (RegistryException e) {
      return error(
          "fetching the manifest of " + ref.context() + "@" + digest + ": " + e.getMessage());
    }
    if (target.isEmpty()) {
      return error("the manifest " + digest + " does not exist in " + ref.context());
    }
    SignatureRunResult<List<String>> run = run(repo, ref, target.get(), trust, mode, timings);
    return report(run, signers -> issue(ref, digest, signers, List.of()));
  }

  /**
   * Verifies the Notary attestations of type {@code artifactType} (e.g. {@code sbom/cyclone-dx}):
   * the referrers of the image with that artifact type, each verified by its own Notary signature;
   * the proof carries one {@link VerifiedAttestation} per verified referrer (its JSON payload, the
   * referrer's single layer).
   */
  public NotaryImageReport verifyAttestations(
      ImageReference ref,
      Digest digest,
      String artifactType,
      NotaryTrust trust,
      PhaseTimings timings) {
    Objects.requireNonNull(artifactType, "artifactType");
    Repository repo = client.repository(ref);
    String subject = ref.context() + "@" + digest;
    List<Descriptor> referrers;
    try {
      referrers = timings.time(Phase.DISCOVER, () -> repo.referrers(digest, artifactType));
    } catch (RegistryException e) {
      return error("listing the referrers of " + subject + ": " + e.getMessage());
    }
    if (referrers.isEmpty()) {
      return new NotaryImageReport(
          new Outcome.Denied(
              List.of(
                  new Failure(
                      Failure.Code.NO_ATTESTATIONS,
                      "no Notary attestation of type \""
                          + artifactType
                          + "\" is attached to "
                          + subject
                          + " (no referrer with that artifactType)"))),
          List.of(),
          List.of());
    }
    if (referrers.size() > MAX_ATTESTATIONS) {
      return error(
          subject
              + " has "
              + referrers.size()
              + " referrers of type \""
              + artifactType
              + "\", more than the limit of "
              + MAX_ATTESTATIONS);
    }
    NotaryAttestationLoader loader = new NotaryAttestationLoader(repo, maxPayloadBytes, issuer());
    SignatureRunResult<List<VerifiedAttestation>> collected =
        loader.collect(
            ref,
            artifactType,
            referrers,
            timings,
            (target, t) -> run(repo, ref, target, trust, Mode.FIRST_VALID, t));
    return report(
        collected,
        attestations -> {
          List<String> signers = new ArrayList<>();
          attestations.stream().map(VerifiedAttestation::signer).distinct().forEach(signers::add);
          return issue(ref, digest, signers, attestations);
        });
  }

  /** The report of a run: a proof issued by {@code prove} from what verified, or the failure. */
  private static <T> NotaryImageReport report(
      SignatureRunResult<T> run, Function<T, VerifiedImage> prove) {
    Outcome outcome =
        switch (run) {
          case SignatureRunResult.Verified<T> v -> new Outcome.Verified(prove.apply(v.value()));
          case SignatureRunResult.Denied<T> d -> new Outcome.Denied(d.failures());
          case SignatureRunResult.Incomplete<T> i -> new Outcome.Error(i.message());
        };
    return new NotaryImageReport(outcome, run.findings(), run.checks());
  }

  private SignatureRunResult<List<String>> run(
      Repository repo,
      ImageReference ref,
      Descriptor target,
      NotaryTrust trust,
      Mode mode,
      PhaseTimings timings) {
    return new NotarySignatureRun(verifier, repo, maxSignatureAttempts, mode == Mode.ALL)
        .run(ref.context() + "@" + target.digest(), target, trust, timings);
  }

  private static Optional<Descriptor> describe(Repository repo, Digest digest, PhaseTimings timings)
      throws RegistryException {
    Optional<Manifest> m = timings.time(Phase.FETCH, () -> repo.manifest(digest.toString()));
    return m.map(Manifest::descriptor);
  }

  private static NotaryImageReport error(String message) {
    return new NotaryImageReport(new Outcome.Error(message), List.of(), List.of());
  }
}
