package dev.imagegate.notation.internal;

import dev.imagegate.notation.NotaryImageReport.SignatureCheck;
import dev.imagegate.verify.Failure;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.SignatureFinding;
import java.util.List;

/**
 * What a run over several Notary signatures (or signed attestations) found: the verified value, a
 * denial with its failures, or an incomplete run (a signature could not be fetched and none
 * verified, which is an error, not a denial). Every case carries the findings and the per-signature
 * checks, which the report shows whatever the result. base's {@code Result} idiom with the two
 * failure shapes of {@link Outcome}.
 *
 * @param <T> the verified value (signer descriptions, attestations)
 */
public sealed interface SignatureRunResult<T> {
  List<SignatureFinding> findings();

  List<SignatureCheck> checks();

  /** At least one signature verified; {@code value} is what it yields. */
  record Verified<T>(T value, List<SignatureFinding> findings, List<SignatureCheck> checks)
      implements SignatureRunResult<T> {}

  /** None verified: a denial for {@code failures}. */
  record Denied<T>(
      List<Failure> failures, List<SignatureFinding> findings, List<SignatureCheck> checks)
      implements SignatureRunResult<T> {
    public Denied {
      failures = List.copyOf(failures);
    }
  }

  /** None verified and the run could not be completed: an error for {@code message}. */
  record Incomplete<T>(String message, List<SignatureFinding> findings, List<SignatureCheck> checks)
      implements SignatureRunResult<T> {}
}
