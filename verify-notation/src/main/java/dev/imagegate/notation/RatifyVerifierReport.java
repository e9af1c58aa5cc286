package dev.imagegate.notation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.imagegate.notation.internal.CertificateRules;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The shape of Ratify's verifier report for the notation verifier, for CLI output that tools
 * reading Ratify results understand: success carries {@code extensions.Issuer} and {@code
 * extensions.SN} (leaf issuer and subject), failure a message with the reason.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RatifyVerifierReport(
    @JsonProperty("subject") String subject,
    @JsonProperty("isSuccess") boolean isSuccess,
    @JsonProperty("name") String name,
    @JsonProperty("type") String type,
    @JsonProperty("verifierName") String verifierName,
    @JsonProperty("verifierType") String verifierType,
    @JsonProperty("message") String message,
    @Nullable @JsonProperty("errorReason") String errorReason,
    @JsonProperty("artifactType") String artifactType,
    @Nullable @JsonProperty("extensions") Map<String, String> extensions) {
  public static final String SUCCESS_MESSAGE = "Notation signature verification success";

  private static final String ARTIFACT_TYPE = "application/vnd.cncf.notary.signature";

  public static RatifyVerifierReport of(NotaryResult result, String subject, String verifierName) {
    return switch (result) {
      case NotaryResult.Verified v ->
          notation(
              subject,
              true,
              verifierName,
              SUCCESS_MESSAGE,
              null,
              Map.of(
                  "Issuer", CertificateRules.issuer(v.signingCertificate()),
                  "SN", CertificateRules.subject(v.signingCertificate())));
      case NotaryResult.Skipped s ->
          notation(
              subject,
              true,
              verifierName,
              "Notation signature verification skipped by trust policy \"" + s.policyName() + "\"",
              null,
              null);
      case NotaryResult.Failed f ->
          notation(
              subject,
              false,
              verifierName,
              "Failed to validate the Notation signature",
              f.toString(),
              null);
    };
  }

  /** A report of the notation verifier: its name and type, and the artifact type it checks. */
  private static RatifyVerifierReport notation(
      String subject,
      boolean isSuccess,
      String verifierName,
      String message,
      @Nullable String errorReason,
      @Nullable Map<String, String> extensions) {
    return new RatifyVerifierReport(
        subject,
        isSuccess,
        verifierName,
        "notation",
        verifierName,
        "notation",
        message,
        errorReason,
        ARTIFACT_TYPE,
        extensions);
  }
}
