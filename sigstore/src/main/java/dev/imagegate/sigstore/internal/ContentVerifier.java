package dev.imagegate.sigstore.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.sigstore.Artifact;
import dev.imagegate.sigstore.SigstoreBundle;
import dev.imagegate.trust.Dsse;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Checks a bundle's signature and binds it to the artifact: a message signature must be over the
 * artifact's digest; a DSSE signature is over the PAE and the artifact must be a subject of the
 * in-toto statement.
 */
public final class ContentVerifier {
  private ContentVerifier() {}

  /**
   * @param artifact null means the caller binds the content itself (e.g. checks DSSE subjects
   *     against an image)
   * @return the failures, empty when the signature verifies and matches the artifact
   */
  public static List<String> verify(
      SigstoreBundle.Content content, PublicKey key, @Nullable Artifact artifact) {
    return switch (content) {
      case SigstoreBundle.MessageSignature m -> messageSignature(m, key, artifact);
      case SigstoreBundle.DsseEnvelope d -> dsse(d.envelope(), key, artifact);
    };
  }

  /**
   * The digest algorithm a message signature uses: the one the bundle names, else the key's
   * default.
   */
  public static @Nullable String messageHash(SigstoreBundle.MessageSignature m, PublicKey key) {
    String named = Digests.jcaName(m.digestAlgorithm());
    return named != null ? named : SignatureCheck.defaultHash(key);
  }

  /**
   * The artifact digest a log entry must record, per algorithm (null when unknown in that
   * algorithm).
   */
  public static Function<String, byte @Nullable []> artifactDigests(
      SigstoreBundle.Content content, @Nullable Artifact artifact) {
    if (artifact != null) {
      return artifact::digest;
    }
    if (content instanceof SigstoreBundle.MessageSignature m && m.digest() != null) {
      String alg = Digests.jcaName(m.digestAlgorithm());
      return a -> a.equals(alg) ? m.digest() : null;
    }
    return a -> null;
  }

  private static List<String> messageSignature(
      SigstoreBundle.MessageSignature m, PublicKey key, @Nullable Artifact artifact) {
    if (m.digestAlgorithm() != null && Digests.jcaName(m.digestAlgorithm()) == null) {
      return List.of(
          "bundle message digest algorithm '"
              + m.digestAlgorithm()
              + "' is not supported (SHA2_256, SHA2_384, SHA2_512)");
    }
    String hash = messageHash(m, key);
    boolean ed25519 = SignatureCheck.isEd25519(key);
    if (artifact instanceof Artifact.Bytes b) {
      if (hash != null
          && m.digest() != null
          && !MessageDigest.isEqual(b.digest(hash), m.digest())) {
        return List.of(
            "message digest mismatch: the bundle's "
                + m.digestAlgorithm()
                + " digest "
                + Digests.hex(m.digest())
                + " is not the digest of the artifact "
                + Digests.hex(b.digest(hash)));
      }
      return SignatureCheck.overMessage(key, hash, b.data(), m.signature())
          ? List.of()
          : List.of(
              "signature does not verify over the artifact with "
                  + dev.imagegate.trust.PublicKeys.describe(key));
    }
    if (ed25519) {
      return List.of(
          "an Ed25519 signature covers the artifact itself; verifying it needs the artifact bytes, not a digest");
    }
    if (hash == null) {
      // no hash is defined for this key type (only Ed25519 signs without one, handled above)
      return List.of(
          "no signature hash is defined for " + dev.imagegate.trust.PublicKeys.describe(key));
    }
    byte[] digest;
    if (artifact instanceof Artifact.Digest d) {
      digest = d.digest(hash);
      if (digest == null) {
        return List.of(
            "the artifact is given as "
                + d.describe()
                + " but the bundle signs a "
                + hash
                + " digest; give the artifact bytes or its "
                + Digests.ociName(hash)
                + " digest");
      }
      if (m.digest() != null && !MessageDigest.isEqual(digest, m.digest())) {
        return List.of(
            "message digest mismatch: the bundle signs "
                + Digests.ociName(hash)
                + ":"
                + Digests.hex(m.digest())
                + ", the artifact is "
                + d.describe());
      }
    } else {
      if (m.digest() == null) {
        return List.of(
            "the bundle has no message digest and no artifact was given to verify the signature against");
      }
      digest = m.digest();
    }
    return SignatureCheck.overDigest(key, hash, digest, m.signature())
        ? List.of()
        : List.of(
            "signature does not verify over the artifact digest with "
                + dev.imagegate.trust.PublicKeys.describe(key));
  }

  private static List<String> dsse(Dsse.Envelope env, PublicKey key, @Nullable Artifact artifact) {
    if (env.signatures().size() != 1) {
      return List.of(
          "DSSE envelope has "
              + env.signatures().size()
              + " signatures; a Sigstore bundle must carry exactly one");
    }
    String hash = SignatureCheck.defaultHash(key);
    if (!SignatureCheck.overMessage(key, hash, env.pae(), env.signatures().get(0).sig())) {
      return List.of(
          "DSSE signature does not verify over the envelope (PAE) with "
              + dev.imagegate.trust.PublicKeys.describe(key));
    }
    if (artifact == null) {
      return List.of();
    }
    if (!env.payloadType().equals(Dsse.IN_TOTO)) {
      return List.of(
          "DSSE payload type '"
              + env.payloadType()
              + "' is not "
              + Dsse.IN_TOTO
              + ", so the artifact cannot be matched to it");
    }
    List<Map<String, String>> subjects;
    try {
      subjects = subjectDigests(env.payload());
    } catch (Json.ShapeException e) {
      return List.of("DSSE payload is not an in-toto statement: " + e.getMessage());
    }
    List<String> seen = new ArrayList<>();
    for (Map<String, String> digests : subjects) {
      for (Map.Entry<String, String> d : digests.entrySet()) {
        seen.add(d.getKey() + ":" + d.getValue());
        String jca = Digests.jcaName(d.getKey());
        byte[] mine = jca == null ? null : artifact.digest(jca);
        if (mine != null && Digests.hex(mine).equals(d.getValue())) {
          return List.of();
        }
      }
    }
    return List.of(
        "artifact "
            + artifact.describe()
            + " is not a subject of the in-toto statement (subjects: "
            + seen
            + ")");
  }

  static List<Map<String, String>> subjectDigests(byte[] statement) throws Json.ShapeException {
    JsonNode n = Json.read(statement, "in-toto statement");
    JsonNode subjects = n.get("subject");
    if (subjects == null || !subjects.isArray()) {
      throw new Json.ShapeException("statement has no subject array");
    }
    List<Map<String, String>> out = new ArrayList<>();
    for (JsonNode s : subjects) {
      JsonNode digest = s.path("digest");
      if (!digest.isObject()) {
        throw new Json.ShapeException("statement subject without a digest object");
      }
      Map<String, String> m = new java.util.LinkedHashMap<>();
      digest.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
      out.add(m);
    }
    return out;
  }
}
