package dev.imagegate.cosign.internal;

import dev.imagegate.cosign.NamedKey;
import dev.imagegate.oci.Digest;
import dev.imagegate.trust.Dsse;
import dev.imagegate.verify.Failure;
import dev.imagegate.verify.PhaseTimings;
import dev.imagegate.verify.PhaseTimings.Phase;
import dev.imagegate.cosign.CosignRequirements;

/**
 * Verifies a DSSE envelope carrying an in-toto statement about an image: a signature over the PAE by a
 * trusted key (any signature of the envelope may match, as cosign), the in-toto payload type, a subject
 * naming the image digest, and the predicate type when one is required.
 */
final class DsseStatements {
  /** Exactly one of (statement and key) or failure is set. */
  record Result(InTotoStatement statement, NamedKey key, Failure failure) {
    static Result fail(Failure f) {
      return new Result(null, null, f);
    }
  }

  private DsseStatements() {}

  static Result verify(Dsse.Envelope envelope, KeyMatcher keys, Digest image, CosignRequirements req,
                       PhaseTimings timings) {
    byte[] pae = envelope.pae();
    NamedKey key = timings.time(Phase.CRYPTO, () -> {
      for (Dsse.Sig s : envelope.signatures()) {
        NamedKey k = keys.match(pae, s.sig());
        if (k != null) {
          return k;
        }
      }
      return null;
    });
    if (key == null) {
      return Result.fail(new Failure(Failure.Code.WRONG_KEY,
          "DSSE envelope signed by another key: not verified by " + keys.describeKeys()));
    }
    InTotoStatement.Parsed parsed = InTotoStatement.parse(envelope);
    if (parsed.failure() != null) {
      return Result.fail(parsed.failure());
    }
    InTotoStatement statement = parsed.statement();
    if (req.attestations() && !req.wantsPredicate(statement.predicateType())) {
      return Result.fail(new Failure(Failure.Code.PREDICATE_TYPE_MISMATCH,
          "predicate type is " + statement.predicateType() + ", expected " + req.predicateType()));
    }
    Failure subject = statement.checkSubject(image, req.annotations());
    if (subject != null) {
      return Result.fail(subject);
    }
    return new Result(statement, key, null);
  }
}
