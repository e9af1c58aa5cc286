package dev.imagegate.sigstore.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.sigstore.Check;
import dev.imagegate.sigstore.SigstoreBundle;
import dev.imagegate.sigstore.TlogEntry;
import dev.imagegate.sigstore.TransparencyLog;
import dev.imagegate.sigstore.TrustedRoot;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Verifies that a bundle's transparency log entry was really logged by a trusted log: the signed
 * entry timestamp (SET, Rekor v1) and/or the inclusion proof with its signed checkpoint. Whether
 * the entry matches the signature is {@link EntryMatcher}'s job.
 */
public final class TlogVerifier {
  private TlogVerifier() {}

  /**
   * @param integratedTime the SET-verified log time, null when the entry carries none (Rekor v2, no
   *     SET)
   */
  public record VerifiedEntry(
      TlogEntry entry, RekorEntry body, TransparencyLog log, @Nullable Instant integratedTime) {}

  public static Check<VerifiedEntry> verify(
      TlogEntry entry, SigstoreBundle.Version version, TrustedRoot trust) {
    String what = "tlog entry " + entry.logIndex();
    TransparencyLog log = trust.tlog(entry.logId()).orElse(null);
    if (log == null) {
      return Check.failed(
          what
              + ": log ID "
              + Base64.getEncoder().encodeToString(entry.logId())
              + " is not a transparency log of the trusted root (trusted: "
              + trust.tlogs().stream().map(TransparencyLog::baseUrl).toList()
              + ")");
    }
    RekorEntry body;
    try {
      body = RekorEntry.parse(entry.canonicalizedBody());
    } catch (Json.ShapeException e) {
      return Check.failed(what + ": " + e.getMessage());
    }
    if (!body.kindVersion().equals(entry.kindVersion())) {
      return Check.failed(
          what
              + ": bundle says kind "
              + entry.kindVersion()
              + " but the logged body is "
              + body.kindVersion());
    }
    List<String> failures = new ArrayList<>();
    Instant integrated = null;
    if (entry.signedEntryTimestamp() != null) {
      Check<Instant> set =
          verifySet(
              log,
              entry.bodyBase64(),
              entry.integratedTime(),
              entry.logIndex(),
              entry.signedEntryTimestamp());
      if (set instanceof Check.Passed<Instant> p) {
        integrated = p.value();
      } else {
        set.reasons().forEach(r -> failures.add(what + ": " + r));
      }
    }
    boolean proofUsable =
        entry.inclusionProof() != null
            && (entry.inclusionProof().checkpoint() != null
                || version.requiresInclusionProof()
                || entry.signedEntryTimestamp() == null);
    if (proofUsable) {
      verifyInclusion(entry, log).forEach(r -> failures.add(what + ": " + r));
    } else if (entry.inclusionProof() == null && version.requiresInclusionProof()) {
      failures.add(
          what + ": bundle " + version + " requires an inclusion proof and the entry has none");
    } else if (entry.inclusionProof() == null && entry.signedEntryTimestamp() == null) {
      failures.add(what + ": has neither an inclusion promise (SET) nor an inclusion proof");
    }
    if (!failures.isEmpty()) {
      return Check.failed(failures);
    }
    return Check.passed(new VerifiedEntry(entry, body, log, integrated));
  }

  /**
   * Rekor's signed entry timestamp: an ECDSA (or the log's key type) signature over the RFC 8785
   * form of {@code {body, integratedTime, logID (hex), logIndex}}; the integrated time must lie in
   * the log key's validity.
   */
  public static Check<Instant> verifySet(
      TransparencyLog log, String bodyBase64, long integratedTime, long logIndex, byte[] set) {
    ObjectNode payload = Json.mapper().createObjectNode();
    payload.put("body", bodyBase64);
    payload.put("integratedTime", integratedTime);
    payload.put("logID", log.logIdHex());
    payload.put("logIndex", logIndex);
    byte[] canonical = CanonicalJson.encode(payload);
    if (!SignatureCheck.overMessage(log.publicKey(), "SHA-256", canonical, set)) {
      return Check.failed(
          "signed entry timestamp (SET) does not verify with the key of log " + log.logIdHex());
    }
    Instant t = Instant.ofEpochSecond(integratedTime);
    if (integratedTime <= 0) {
      return Check.failed("signed entry timestamp has no integrated time");
    }
    if (!log.validFor().contains(t)) {
      return Check.failed(
          "integrated time "
              + t
              + " is outside the validity "
              + log.validFor()
              + " of log "
              + log.logIdHex());
    }
    return Check.passed(t);
  }

  private static List<String> verifyInclusion(TlogEntry entry, TransparencyLog log) {
    // called only when the entry has a proof (proofUsable)
    TlogEntry.InclusionProof p = Objects.requireNonNull(entry.inclusionProof());
    byte[] root =
        Merkle.rootFromInclusionProof(
            p.logIndex(), p.treeSize(), Merkle.leafHash(entry.canonicalizedBody()), p.hashes());
    if (root == null) {
      return List.of(
          "inclusion proof has the wrong shape for index "
              + p.logIndex()
              + " in a tree of size "
              + p.treeSize());
    }
    if (!MessageDigest.isEqual(root, p.rootHash())) {
      return List.of(
          "inclusion proof does not lead to the root hash: computed "
              + Digests.hex(root)
              + ", proof says "
              + Digests.hex(p.rootHash()));
    }
    if (p.checkpoint() == null) {
      return List.of(
          "inclusion proof has no signed checkpoint, so its root hash is not authenticated");
    }
    Check<Checkpoint> parsed = Checkpoint.parse(p.checkpoint());
    if (!(parsed instanceof Check.Passed<Checkpoint> cp)) {
      return parsed.reasons();
    }
    Checkpoint c = cp.value();
    if (c.size() != p.treeSize() || !MessageDigest.isEqual(c.rootHash(), p.rootHash())) {
      return List.of(
          "checkpoint (size "
              + c.size()
              + ", root "
              + Digests.hex(c.rootHash())
              + ") does not match the inclusion proof (size "
              + p.treeSize()
              + ", root "
              + Digests.hex(p.rootHash())
              + ")");
    }
    return c.verifySignedBy(log).reasons();
  }
}
