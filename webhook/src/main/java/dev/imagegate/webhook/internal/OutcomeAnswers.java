package dev.imagegate.webhook.internal;

import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.Decision;
import dev.imagegate.engine.PatchOperation;
import dev.imagegate.webhook.FailurePolicy;
import java.util.List;

/**
 * Turns an outcome into the answer for the API server. Where the engine did not decide, the
 * configured failurePolicy decides, with a message that says why (the API server shows it to the
 * user verbatim).
 */
public final class OutcomeAnswers {
  private final FailurePolicy failurePolicy;

  public OutcomeAnswers(FailurePolicy failurePolicy) {
    this.failurePolicy = failurePolicy;
  }

  public AdmissionAnswer answer(
      AdmissionRequest request, AdmissionPhase phase, ReviewOutcome outcome) {
    return switch (outcome) {
      case ReviewOutcome.Decided decided -> fromDecision(request, phase, decided.decision());
      case ReviewOutcome.Skipped skipped -> AdmissionAnswer.allow(request.uid());
      case ReviewOutcome.Refused refused ->
          new AdmissionAnswer(
              request.uid(),
              false,
              "imagegate refused " + request.displayName() + ": " + refused.reason(),
              List.of(),
              List.of());
      case ReviewOutcome.TimedOut timedOut ->
          byFailurePolicy(
              request,
              "timed out verifying images of "
                  + request.displayName()
                  + " after "
                  + timedOut.budget().toMillis()
                  + " ms");
      case ReviewOutcome.EngineFailed failed ->
          byFailurePolicy(
              request,
              // The exception itself goes to the log; the answer carries its message only, and
              // AnswerText scrubs any Java class names from that.
              "error verifying images of "
                  + request.displayName()
                  + (failed.error().getMessage() == null
                      ? "; see imagegate logs"
                      : ": " + failed.error().getMessage()));
      case ReviewOutcome.Overloaded overloaded ->
          byFailurePolicy(
              request,
              "imagegate is overloaded ("
                  + overloaded.concurrencyLimit()
                  + " reviews in progress); could not verify images of "
                  + request.displayName()
                  + " in time");
      case ReviewOutcome.NotReady notReady ->
          byFailurePolicy(
              request,
              "imagegate has not loaded its policies yet; could not verify images of "
                  + request.displayName());
    };
  }

  private static AdmissionAnswer fromDecision(
      AdmissionRequest request, AdmissionPhase phase, Decision decision) {
    // Patches belong to the mutating webhook only, and are pointless on a denial.
    List<PatchOperation> patches =
        phase == AdmissionPhase.MUTATE && decision.allowed() ? decision.patches() : List.of();
    String message =
        decision.allowed()
            ? null
            : decision.denyMessage() != null
                ? decision.denyMessage()
                : "resource " + request.displayName() + " was blocked by imagegate";
    return new AdmissionAnswer(
        request.uid(), decision.allowed(), message, patches, decision.warnings());
  }

  private AdmissionAnswer byFailurePolicy(AdmissionRequest request, String reason) {
    return switch (failurePolicy) {
      case FAIL ->
          new AdmissionAnswer(
              request.uid(), false, reason + " (failurePolicy Fail)", List.of(), List.of());
      case IGNORE ->
          new AdmissionAnswer(
              request.uid(),
              true,
              null,
              List.of(),
              List.of("imagegate: " + reason + "; allowed because failurePolicy is Ignore"));
    };
  }
}
