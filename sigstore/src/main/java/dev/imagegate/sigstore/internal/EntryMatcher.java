package dev.imagegate.sigstore.internal;

import dev.imagegate.sigstore.Signer;
import dev.imagegate.sigstore.SigstoreBundle;
import dev.imagegate.trust.Dsse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Checks that a transparency log entry describes the signature being verified: same signature
 * bytes, same key or certificate, same artifact / payload hash. Returns the mismatches (empty when
 * the entry matches).
 */
public final class EntryMatcher {
  private EntryMatcher() {}

  /**
   * Bundle content against its entry.
   *
   * @param artifactDigest the artifact digest for a JCA hash name, null when unknown in that
   *     algorithm
   */
  public static List<String> matchBundle(
      RekorEntry e,
      SigstoreBundle.Content content,
      Signer signer,
      Function<String, byte @Nullable []> artifactDigest) {
    List<String> out = new ArrayList<>();
    switch (content) {
      case SigstoreBundle.MessageSignature m -> {
        if (!e.kind().equals("hashedrekord")) {
          out.add(
              "tlog entry type "
                  + e.kindVersion()
                  + " cannot record a message signature (expected hashedrekord)");
          return out;
        }
        onlySignature(e, m.signature(), signer, out);
        // every hashedrekord entry records the artifact hash (RekorEntry.parse)
        RekorEntry.Hash artifactHash = Objects.requireNonNull(e.artifactHash());
        byte[] expected = artifactDigest.apply(artifactHash.jcaAlgorithm());
        if (expected == null) {
          out.add(
              "tlog entry hashes the artifact with "
                  + e.artifactHash().jcaAlgorithm()
                  + " but only a digest of another algorithm is known");
        } else {
          sameHash(artifactHash, expected, "artifact", "the artifact is", out);
        }
      }
      case SigstoreBundle.DsseEnvelope d -> matchDsse(e, d.envelope(), signer, out);
    }
    return out;
  }

  private static void matchDsse(RekorEntry e, Dsse.Envelope env, Signer signer, List<String> out) {
    byte[] sig = env.signatures().get(0).sig();
    switch (e.kindVersion()) {
      case "dsse:0.0.1", "intoto:0.0.2", "intoto:0.0.1" -> {
        onlySignature(e, sig, signer, out);
        RekorEntry.Hash payloadHash = e.payloadHash();
        if (payloadHash == null) {
          out.add("tlog entry " + e.kindVersion() + " records no payload hash");
        } else {
          sameHash(
              payloadHash,
              Digests.digest(payloadHash.jcaAlgorithm(), env.payload()),
              "DSSE payload",
              "the envelope payload is",
              out);
        }
      }
      case "hashedrekord:0.0.2" -> {
        // Rekor v2 logs DSSE as a hashedrekord over the PAE (rekor-v2-spec section 6.1.4).
        onlySignature(e, sig, signer, out);
        // every hashedrekord entry records the artifact hash (RekorEntry.parse)
        RekorEntry.Hash artifactHash = Objects.requireNonNull(e.artifactHash());
        sameHash(
            artifactHash,
            Digests.digest(artifactHash.jcaAlgorithm(), env.pae()),
            "digest",
            "the DSSE PAE of the bundle hashes to",
            out);
      }
      default ->
          out.add(
              "unsupported tlog entry type '"
                  + e.kindVersion()
                  + "' for a DSSE bundle (expected dsse:0.0.1, intoto:0.0.1/0.0.2 or hashedrekord:0.0.2)");
    }
  }

  /**
   * The hash the entry records ({@code recordedAs} in messages) must be {@code actual}, the same
   * algorithm's hash of what was signed ({@code actualIs} in messages).
   */
  private static void sameHash(
      RekorEntry.Hash recorded,
      byte[] actual,
      String recordedAs,
      String actualIs,
      List<String> out) {
    if (!MessageDigest.isEqual(actual, recorded.value())) {
      out.add(
          "tlog entry records "
              + recordedAs
              + " "
              + recorded.describe()
              + " but "
              + actualIs
              + " "
              + Digests.ociName(recorded.jcaAlgorithm())
              + ":"
              + Digests.hex(actual));
    }
  }

  /** A bundle entry must log exactly this one signature, made by this signer. */
  private static void onlySignature(RekorEntry e, byte[] sig, Signer signer, List<String> out) {
    if (e.signatures().size() != 1) {
      out.add("tlog entry records " + e.signatures().size() + " signatures, expected 1");
      return;
    }
    RekorEntry.LoggedSignature logged = e.signatures().get(0);
    if (!MessageDigest.isEqual(logged.signature(), sig)) {
      out.add(
          "tlog entry records a different signature than the bundle (entry '"
              + Json.abbreviate(logged.text())
              + "')");
    }
    if (!sameSigner(logged.verifierDer(), signer)) {
      out.add(
          "tlog entry records a different key or certificate than the one that signed ("
              + signer.describe()
              + ")");
    }
  }

  /**
   * A legacy cosign layer against the entry of its {@code dev.sigstore.cosign/bundle} annotation,
   * as cosign's {@code VerifyBundle} compares: the base64 signature string-equal (skipped when
   * empty, as on attestation layers), the key or certificate by DER, and the SHA-256 of the layer
   * blob.
   */
  public static List<String> matchLegacy(
      RekorEntry e, String signatureB64, byte[] blob, Signer signer) {
    List<String> out = new ArrayList<>();
    if (signatureB64 != null
        && !signatureB64.isEmpty()
        && e.signatures().stream().noneMatch(s -> s.text().equals(signatureB64))) {
      out.add(
          "tlog entry records a different signature than the layer annotation (entry '"
              + Json.abbreviate(e.signatures().get(0).text())
              + "', layer '"
              + Json.abbreviate(signatureB64)
              + "')");
    }
    if (e.signatures().stream().noneMatch(s -> sameSigner(s.verifierDer(), signer))) {
      out.add(
          "tlog entry records a different key or certificate than the one that signed ("
              + signer.describe()
              + ")");
    }
    RekorEntry.Hash h =
        switch (e.kind()) {
          case "hashedrekord", "rekord" -> e.artifactHash();
          default -> e.envelopeHash();
        };
    if (h == null || !h.jcaAlgorithm().equals("SHA-256")) {
      out.add("tlog entry " + e.kindVersion() + " has no sha256 hash of the signed blob");
    } else {
      sameHash(h, Digests.sha256(blob), "blob", "the layer blob is", out);
    }
    return out;
  }

  /** Same certificate DER, or (for a key recorded in the log) the same SubjectPublicKeyInfo. */
  static boolean sameSigner(byte[] loggedDer, Signer signer) {
    return Arrays.equals(loggedDer, signer.der())
        || Arrays.equals(loggedDer, signer.publicKey().getEncoded());
  }
}
