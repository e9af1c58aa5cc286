package dev.imagegate.cosign.internal;

import dev.imagegate.cosign.CosignRequirements;
import dev.imagegate.oci.Digest;
import dev.imagegate.trust.Dsse;
import dev.imagegate.verify.Failure;

/**
 * Checks the in-toto statement of a DSSE envelope whose signature was already verified: the in-toto
 * payload type, the predicate type when one is required, and a subject naming the image digest with
 * the required annotations.
 */
final class DsseStatements {
  private DsseStatements() {}

  static Verdict<InTotoStatement> check(
      Dsse.Envelope envelope, Digest image, CosignRequirements req) {
    InTotoStatement statement;
    switch (InTotoStatement.parse(envelope)) {
      case Verdict.Ok<InTotoStatement>(InTotoStatement parsed) -> statement = parsed;
      case Verdict.Err<InTotoStatement> err -> {
        return err;
      }
    }
    if (req.attestations() && !req.wantsPredicate(statement.predicateType())) {
      return Verdict.err(
          new Failure(
              Failure.Code.PREDICATE_TYPE_MISMATCH,
              "predicate type is "
                  + statement.predicateType()
                  + ", expected "
                  + req.predicateType()));
    }
    Failure subject = statement.checkSubject(image, req.annotations());
    if (subject != null) {
      return Verdict.err(subject);
    }
    return Verdict.ok(statement);
  }
}
