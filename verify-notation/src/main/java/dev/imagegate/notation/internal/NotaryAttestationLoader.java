package dev.imagegate.notation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.base.Result;
import dev.imagegate.base.UntrustedJson;
import dev.imagegate.notation.NotaryImageReport.SignatureCheck;
import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.Manifest;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.Repository;
import dev.imagegate.verify.Failure;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.PhaseTimings;
import dev.imagegate.verify.PhaseTimings.Phase;
import dev.imagegate.verify.ProofIssuer;
import dev.imagegate.verify.SignatureFinding;
import dev.imagegate.verify.VerifiedAttestation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.zip.GZIPInputStream;

/**
 * Notary attestations (Kyverno {@code type: Notary} {@code attestations[].type}): referrers of the
 * image with a given artifact type, each signed by its own Notary signature whose signed target is
 * the referrer manifest. The payload is the referrer's single layer (gunzipped when gzip), a JSON
 * object of bounded size.
 */
public final class NotaryAttestationLoader {
  private static final ObjectMapper JSON = UntrustedJson.mapper();
  private final Repository repo;
  private final long maxPayloadBytes;

  private final ProofIssuer issuer;

  public NotaryAttestationLoader(Repository repo, long maxPayloadBytes, ProofIssuer issuer) {
    this.repo = repo;
    this.issuer = issuer;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  /** Verifies the signatures of one referrer manifest. */
  @FunctionalInterface
  public interface ReferrerSignatures {
    SignatureRunResult<List<String>> verify(Descriptor referrer, PhaseTimings timings);
  }

  /**
   * Verifies every referrer's signatures and reads the payloads of the verified ones.
   *
   * @return on success the attestations of the verified referrers
   */
  public SignatureRunResult<List<VerifiedAttestation>> collect(
      ImageReference ref,
      String artifactType,
      List<Descriptor> referrers,
      PhaseTimings timings,
      ReferrerSignatures signatures) {
    String kind = "notary attestation " + artifactType;
    List<VerifiedAttestation> out = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    List<SignatureFinding> findings = new ArrayList<>();
    List<SignatureCheck> checks = new ArrayList<>();
    // A rejected attestation is a failure (the reason) and a finding (the report) alike.
    BiConsumer<String, Failure> reject =
        (location, f) -> {
          failures.add(f);
          findings.add(SignatureFinding.failed(location, kind, f));
        };
    boolean error = false;
    for (Descriptor d : referrers) {
      String location = ref.context() + "@" + d.digest();
      try {
        Optional<Manifest> m =
            timings.time(Phase.FETCH, () -> repo.manifest(d.digest().toString()));
        if (m.isEmpty()) {
          Failure f =
              new Failure(
                  Failure.Code.MALFORMED,
                  "attestation " + location + " is listed as a referrer but does not exist");
          reject.accept(location, f);
          continue;
        }
        SignatureRunResult<List<String>> sig = signatures.verify(m.get().descriptor(), timings);
        findings.addAll(sig.findings());
        checks.addAll(sig.checks());
        String signer;
        switch (sig) {
          case SignatureRunResult.Verified<List<String>> v -> signer = v.value().get(0);
          case SignatureRunResult.Denied<List<String>> denied -> {
            Failure.Code code =
                denied.failures().isEmpty()
                    ? Failure.Code.BAD_SIGNATURE
                    : denied.failures().get(0).code();
            Failure f =
                notVerified(
                    location, artifactType, code, new Outcome.Denied(denied.failures()).reason());
            reject.accept(location, f);
            continue;
          }
          case SignatureRunResult.Incomplete<List<String>> incomplete -> {
            error = true;
            Failure f =
                notVerified(
                    location, artifactType, Failure.Code.BAD_SIGNATURE, incomplete.message());
            reject.accept(location, f);
            continue;
          }
        }
        Result<JsonNode> p = payload(m.get(), location);
        if (!p.isOk()) {
          Failure f = new Failure(Failure.Code.MALFORMED, p.reason());
          reject.accept(location, f);
          continue;
        }
        out.add(issuer.attestation(artifactType, p.value(), null, signer));
        findings.add(SignatureFinding.ok(location, kind, signer));
      } catch (RegistryException e) {
        error = true;
        Failure f =
            new Failure(Failure.Code.MALFORMED, "attestation " + location + ": " + e.getMessage());
        reject.accept(location, f);
      }
    }
    if (!out.isEmpty()) {
      return new SignatureRunResult.Verified<>(out, findings, checks);
    }
    return error
        ? new SignatureRunResult.Incomplete<>(
            new Outcome.Denied(failures).reason(), findings, checks)
        : new SignatureRunResult.Denied<>(failures, findings, checks);
  }

  private static Failure notVerified(
      String location, String artifactType, Failure.Code code, String reason) {
    return new Failure(
        code,
        "attestation " + location + " of type \"" + artifactType + "\" is not verified: " + reason);
  }

  /** The referrer's payload, a JSON object, or why it is not one. */
  private Result<JsonNode> payload(Manifest m, String location) throws RegistryException {
    if (!(m.content() instanceof Manifest.ImageManifest im)) {
      return Result.err(
          "attestation "
              + location
              + " is an image index; expected an image manifest with one layer");
    }
    if (im.layers().size() != 1) {
      return Result.err(
          "attestation "
              + location
              + " has "
              + im.layers().size()
              + " layers; exactly one (the payload) is supported");
    }
    Descriptor layer = im.layers().get(0);
    if (layer.size() > maxPayloadBytes) {
      return Result.err(
          "attestation "
              + location
              + " payload is "
              + layer.size()
              + " bytes, more than the limit of "
              + maxPayloadBytes);
    }
    byte[] bytes = repo.blob(layer, maxPayloadBytes);
    try {
      if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
        bytes = gunzip(bytes);
      }
      JsonNode n = JSON.readTree(bytes);
      if (n == null || !n.isObject()) {
        return Result.err(payloadName(location, layer) + " is not a JSON object");
      }
      return Result.ok(n);
    } catch (IOException e) {
      return Result.err(payloadName(location, layer) + " is not JSON: " + e.getMessage());
    }
  }

  /**
   * How messages name the payload layer: {@code attestation <location> payload <digest> (<type>)}.
   */
  private static String payloadName(String location, Descriptor layer) {
    return "attestation "
        + location
        + " payload "
        + layer.digest()
        + " ("
        + layer.mediaType()
        + ")";
  }

  private byte[] gunzip(byte[] gz) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        if (out.size() > maxPayloadBytes) {
          throw new IOException(
              "the decompressed payload exceeds the limit of " + maxPayloadBytes + " bytes");
        }
      }
      return out.toByteArray();
    }
  }
}
