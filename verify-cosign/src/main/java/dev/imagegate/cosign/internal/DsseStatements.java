package dev.imagegate.cosign.internal;

import dev.imagegate.cosign.CosignRequirements;
import dev.imagegate.oci.Digest;
import dev.imagegate.trust.Dsse;
import dev.imagegate.verify.Failure;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks the in-toto statement of a DSSE envelope whose signature was already verified: the in-toto
 * payload type, the predicate type when one is required, and a subject naming the image digest with
 * the required annotations.
 */
final class DsseStatements {
  /** Exactly one of statement or failure is set. */
  record Result(@Nullable InTotoStatement statement, @Nullable Failure failure) {
    static Result fail(Failure f) {
      return new Result(null, f);
    }
  }

  private DsseStatements() {}

  static Result check(Dsse.Envelope envelope, Digest image, CosignRequirements req) {
    InTotoStatement.Parsed parsed = InTotoStatement.parse(envelope);
    if (parsed.failure() != null) {
      return Result.fail(parsed.failure());
    }
    // a result without a failure carries its value
    InTotoStatement statement = Objects.requireNonNull(parsed.statement());
    if (req.attestations() && !req.wantsPredicate(statement.predicateType())) {
      return Result.fail(
          new Failure(
              Failure.Code.PREDICATE_TYPE_MISMATCH,
              "predicate type is "
                  + statement.predicateType()
                  + ", expected "
                  + req.predicateType()));
    }
    Failure subject = statement.checkSubject(image, req.annotations());
    if (subject != null) {
      return Result.fail(subject);
    }
    return new Result(statement, null);
  }
}
