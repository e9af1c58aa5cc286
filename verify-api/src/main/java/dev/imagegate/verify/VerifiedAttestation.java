package dev.imagegate.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An attestation whose signature and subject were verified: its predicate type, the payload the
 * policy conditions see (the in-toto predicate for cosign; the signed referrer's JSON payload for
 * Notary), and who signed. Like {@link VerifiedImage} it has no public constructor: only a {@link
 * ProofIssuer}, which only verifiers hold, makes one.
 */
public final class VerifiedAttestation {
  private final String predicateType;
  private final JsonNode predicate;
  private final @Nullable JsonNode statement;
  private final String signer;

  VerifiedAttestation(
      String predicateType, JsonNode predicate, @Nullable JsonNode statement, String signer) {
    this.predicateType = Objects.requireNonNull(predicateType, "predicateType");
    this.predicate = Objects.requireNonNull(predicate, "predicate");
    this.statement = statement;
    this.signer = Objects.requireNonNull(signer, "signer");
  }

  public String predicateType() {
    return predicateType;
  }

  /** What policy conditions evaluate. */
  public JsonNode predicate() {
    return predicate;
  }

  /** The whole in-toto statement (cosign), or null when the format has none (Notary). */
  public @Nullable JsonNode statement() {
    return statement;
  }

  public String signer() {
    return signer;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof VerifiedAttestation a
        && predicateType.equals(a.predicateType)
        && predicate.equals(a.predicate)
        && Objects.equals(statement, a.statement)
        && signer.equals(a.signer);
  }

  @Override
  public int hashCode() {
    return Objects.hash(predicateType, predicate, statement, signer);
  }

  @Override
  public String toString() {
    return "VerifiedAttestation[predicateType="
        + predicateType
        + ", predicate="
        + predicate
        + ", statement="
        + statement
        + ", signer="
        + signer
        + "]";
  }
}
