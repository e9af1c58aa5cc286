package dev.imagegate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.verify.Failure;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.PhaseTimings.Phase;
import dev.imagegate.verify.SignatureFinding;
import dev.imagegate.verify.VerifiedAttestation;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Prints verification results as text (in cosign's spirit) or JSON (one object per image, in an
 * array).
 */
final class ResultPrinter {
  private ResultPrinter() {}

  static void text(PrintWriter out, List<ImageResult> results, String checksDone) {
    for (ImageResult r : results) {
      String at = r.digest() == null ? "" : "@" + r.digest();
      if (r.verified()) {
        out.println("Verification for " + r.reference() + " --");
        out.println("The following checks were performed on each of these signatures:");
        out.print(checksDone);
        for (SignatureFinding f : r.findings()) {
          if (f.verified()) {
            out.println(
                "  \u2713 " + f.kind() + " at " + f.location() + ": verified with " + f.signer());
          }
        }
        if (r.outcome() instanceof Outcome.Verified v) {
          for (VerifiedAttestation a : v.proof().attestations()) {
            out.println("  \u2713 attestation " + a.predicateType() + " signed by " + a.signer());
          }
        }
        out.println("VERIFIED " + r.reference() + (r.reference().contains("@") ? "" : at));
      } else {
        out.println(
            "Error: image verification failed for "
                + r.reference()
                + (r.reference().contains("@") ? "" : at)
                + ": "
                + reason(r.outcome()));
        for (SignatureFinding f : r.findings()) {
          Failure reason = f.reason();
          if (reason == null) {
            // A verified signature of an image that failed for another reason (e.g. a missing
            // attestation): shown as verified, as in the success branch.
            out.println(
                "  \u2713 " + f.kind() + " at " + f.location() + ": verified with " + f.signer());
          } else {
            out.println("  \u2717 " + f.kind() + " at " + f.location() + ": " + reason.message());
          }
        }
      }
      out.println();
    }
    long ok = results.stream().filter(ImageResult::verified).count();
    out.println("verified: " + ok + ", not verified: " + (results.size() - ok));
    out.flush();
  }

  static String reason(Outcome o) {
    return switch (o) {
      case Outcome.Verified v -> "verified";
      case Outcome.Denied d -> d.reason();
      case Outcome.Error e -> e.message();
    };
  }

  static void json(PrintWriter out, List<ImageResult> results) {
    ArrayNode arr = JsonOutput.JSON.createArrayNode();
    for (ImageResult r : results) {
      arr.add(toJson(r));
    }
    try {
      out.println(JsonOutput.JSON.writeValueAsString(arr));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
  }

  static ObjectNode toJson(ImageResult r) {
    ObjectNode n = JsonOutput.JSON.createObjectNode();
    n.put("input", r.input());
    n.put("reference", r.reference());
    n.put("digest", r.digest() == null ? null : r.digest().toString());
    n.put("verified", r.verified());
    n.put(
        "outcome",
        switch (r.outcome()) {
          case Outcome.Verified v -> "verified";
          case Outcome.Denied d -> "denied";
          case Outcome.Error e -> "error";
        });
    if (!r.verified()) {
      n.put("reason", reason(r.outcome()));
    }
    ArrayNode sigs = n.putArray("signatures");
    for (SignatureFinding f : r.findings()) {
      ObjectNode s = sigs.addObject();
      s.put("location", f.location());
      s.put("kind", f.kind());
      s.put("verified", f.verified());
      Failure reason = f.reason();
      if (f.verified()) {
        s.put("signer", f.signer());
      } else if (reason != null) { // SignatureFinding.failed always sets it
        s.put("code", reason.code().name());
        s.put("reason", reason.message());
      }
    }
    if (r.outcome() instanceof Outcome.Verified v) {
      n.putArray("signers")
          .addAll(
              v.proof().signers().stream()
                  .map(JsonOutput.JSON.getNodeFactory()::textNode)
                  .toList());
      ArrayNode atts = n.putArray("attestations");
      for (VerifiedAttestation a : v.proof().attestations()) {
        ObjectNode an = atts.addObject();
        an.put("predicateType", a.predicateType());
        an.put("signer", a.signer());
        an.set("predicate", a.predicate());
      }
    }
    ObjectNode t = n.putObject("timings");
    for (Phase p : Phase.values()) {
      t.put(p.name().toLowerCase(Locale.ROOT) + "Ms", r.timings().get(p).toNanos() / 1e6);
    }
    t.put("totalMs", r.totalNanos() / 1e6);
    return n;
  }
}
