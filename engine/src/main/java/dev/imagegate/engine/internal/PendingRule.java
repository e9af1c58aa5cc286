package dev.imagegate.engine.internal;

import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.RuleResult;
import dev.imagegate.engine.RuleStatus;
import dev.imagegate.oci.Digest;
import dev.imagegate.policy.FailureAction;
import dev.imagegate.policy.InvalidImage;
import dev.imagegate.policy.MatchedImage;
import dev.imagegate.policy.Policy;
import dev.imagegate.policy.RuleMatch;
import dev.imagegate.policy.VerifyImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One matched rule whose image verifications are under way; {@link #finish} waits for them (up to
 * the deadline) and folds them into a {@link RuleResult} with Kyverno v1.19's two phases: the
 * mutate phase verifies (or skips, for {@code skipImageReferences}) and pins digests; the validate
 * phase ({@code validate_image.go}) then requires a digest ({@code verifyDigest}: {@code missing
 * digest for IMAGE}) and a verified image ({@code required}: {@code unverified image IMAGE}), the
 * skip list not consulted. The rule's failure action decides whether a failure blocks.
 */
final class PendingRule {
  private final RuleMatch match;
  private final List<MatchedImage> images;
  private final List<CompletableFuture<ImageOutcome>> outcomes;
  private final FailureAction action;

  /** What a started rule needs from the request: how to verify an image. */
  interface Starter {
    CompletableFuture<ImageOutcome> verify(MatchedImage image, RuleMatch.Applicable rule);

    CompletableFuture<Digest> resolve(MatchedImage image);
  }

  /** A non-passing image that the validating pass will not check again (not {@code required}). */
  private boolean failedOnlyHere;

  private PendingRule(
      RuleMatch match,
      List<MatchedImage> images,
      List<CompletableFuture<ImageOutcome>> outcomes,
      FailureAction action) {
    this.match = match;
    this.images = images;
    this.outcomes = outcomes;
    this.action = action;
  }

  static PendingRule start(RuleMatch match, RequestScope scope, Starter starter) {
    AdmissionPhase phase = scope.phase();
    FailureAction action =
        match
            .rule()
            .failureAction(
                match.policy(), scope.request().namespace(), scope.request().namespaceLabels());
    List<MatchedImage> images = new ArrayList<>();
    List<CompletableFuture<ImageOutcome>> outcomes = new ArrayList<>();
    if (match instanceof RuleMatch.Applicable a) {
      for (MatchedImage image : a.images()) {
        VerifyImage vi = image.verifyImage();
        images.add(image);
        if (phase == AdmissionPhase.VALIDATE) {
          // The validating webhook re-verifies only what `required` demands: the mutate pass's
          // annotations are never trusted. A skipped image was recorded as skipped there.
          if (image.skipped()) {
            outcomes.add(
                CompletableFuture.completedFuture(
                    ImageOutcome.skip(image, null, match.policy().name(), match.ruleName())));
          } else if (vi.required() && !(vi.attestors().isEmpty() && vi.attestations().isEmpty())) {
            outcomes.add(starter.verify(image, a));
          } else {
            outcomes.add(
                CompletableFuture.completedFuture(ImageOutcome.nothingToVerify(image, null)));
          }
        } else if (image.skipped() || vi.attestors().isEmpty() && vi.attestations().isEmpty()) {
          // Kyverno's mutate phase verifies nothing for a skipped image, or for an entry without
          // attestors and attestations, but still pins it: the registry is asked only for that.
          CompletableFuture<Digest> digest =
              vi.mutateDigest() && image.reference().digest() == null
                  ? starter.resolve(image)
                  : CompletableFuture.completedFuture(image.reference().digest());
          outcomes.add(
              digest
                  .thenApply(
                      d ->
                          image.skipped()
                              ? ImageOutcome.skip(image, d, match.policy().name(), match.ruleName())
                              : ImageOutcome.nothingToVerify(image, d))
                  .exceptionally(
                      t ->
                          ImageOutcome.error(
                              image,
                              null,
                              "failed to update digest: "
                                  + (t.getCause() != null ? t.getCause() : t).getMessage())));
        } else {
          outcomes.add(starter.verify(image, a));
        }
      }
    }
    return new PendingRule(match, images, outcomes, action);
  }

  /** Waits for the rule's images and adds its pins and metadata to the scope's. */
  RuleResult finish(RequestScope scope) {
    AdmissionPhase phase = scope.phase();
    List<Patches.Pin> pins = scope.pins();
    Patches.Metadata metadata = scope.metadata();
    Policy policy = match.policy();
    boolean enforce = action == FailureAction.ENFORCE;
    if (match instanceof RuleMatch.Unresolvable u) {
      return new RuleResult(
          policy.qualifiedName(), u.ruleName(), RuleStatus.ERROR, enforce, u.message(), List.of());
    }
    RuleMatch.Applicable a = (RuleMatch.Applicable) match;
    List<RuleResult.ImageCheck> checks = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    RuleStatus worst = RuleStatus.PASS;
    boolean invalid = false;
    for (InvalidImage bad : a.invalidImages()) {
      RuleResult.ImageCheck c = invalid(bad);
      checks.add(c);
      failures.add(c.message());
      worst = RuleStatus.ERROR;
      invalid = true;
    }
    List<ImageOutcome> done = new ArrayList<>();
    Set<String> verified = new HashSet<>();
    for (int i = 0; i < images.size(); i++) {
      ImageOutcome o = await(outcomes.get(i), images.get(i), scope.remaining());
      done.add(o);
      if (o.verified()) {
        verified.add(o.image().jsonPointer());
      }
    }
    int passed = 0;
    int skipped = 0;
    for (ImageOutcome o : done) {
      MatchedImage image = o.image();
      VerifyImage vi = image.verifyImage();
      boolean pinnable =
          (o.status() == RuleStatus.PASS || o.status() == RuleStatus.SKIP)
              && phase != AdmissionPhase.VALIDATE
              && vi.mutateDigest()
              && image.reference().digest() == null
              && o.digest() != null;
      String after = pinnable ? image.kyvernoFormPinnedTo(o.digest()) : image.kyvernoForm();
      if (phase != AdmissionPhase.MUTATE
          && (o.status() == RuleStatus.PASS || o.status() == RuleStatus.SKIP)) {
        if (vi.verifyDigest() && image.reference().digest() == null && !pinnable) {
          o = ImageOutcome.fail(image, o.digest(), "missing digest for " + image.kyvernoForm());
        } else if (vi.required()
            && o.status() == RuleStatus.PASS
            && !verified.contains(image.jsonPointer())) {
          o = ImageOutcome.fail(image, o.digest(), "unverified image " + after);
        }
      }
      boolean verifies = !vi.attestors().isEmpty() || !vi.attestations().isEmpty();
      if (phase != AdmissionPhase.VALIDATE && verifies) {
        metadata.add(
            policy.clusterScoped() ? "" : policy.namespace(),
            policy.name(),
            a.ruleName(),
            after,
            switch (o.status()) {
              case PASS -> "pass";
              case SKIP, WARN -> "skip";
              case FAIL, ERROR -> "fail";
            });
      }
      if (o.status() == RuleStatus.PASS || o.status() == RuleStatus.SKIP) {
        if (pinnable) {
          pins.add(
              new Patches.Pin(
                  image.jsonPointer(),
                  image.imageRef(),
                  o.digest(),
                  o.proofs().isEmpty() ? null : o.proofs().get(0)));
        }
        if (o.status() == RuleStatus.SKIP) {
          skipped++;
        } else {
          passed++;
        }
      } else {
        failedOnlyHere |= !vi.required();
        failures.add(o.message());
        worst = worse(worst, enforce ? o.status() : RuleStatus.WARN);
      }
      checks.add(check(o));
    }
    if (done.isEmpty() && a.invalidImages().isEmpty()) {
      return new RuleResult(
          policy.qualifiedName(),
          a.ruleName(),
          RuleStatus.SKIP,
          false,
          "no images matched the rule's imageReferences",
          checks);
    }
    RuleStatus status =
        worst == RuleStatus.PASS && passed == 0 && skipped > 0 ? RuleStatus.SKIP : worst;
    String message =
        status == RuleStatus.SKIP
            ? done.get(0).message()
            : worst == RuleStatus.PASS
                ? "verified " + passed + " image" + (passed == 1 ? "" : "s")
                : String.join("; ", failures);
    return new RuleResult(
        policy.qualifiedName(), a.ruleName(), status, enforce || invalid, message, checks);
  }

  /**
   * Whether this rule's Audit failure is reported as an admission warning in {@code phase}: the
   * mutating and validating webhooks both see a failing image that is {@code required}, and the API
   * server shows the warnings of both, so such a failure is warned about by the validating pass
   * only (it sees the final object, with images other webhooks added). The mutating pass warns only
   * about images the validating pass skips. Call after {@link #finish}.
   */
  boolean warnsIn(AdmissionPhase phase) {
    return phase != AdmissionPhase.MUTATE || failedOnlyHere;
  }

  private static RuleStatus worse(RuleStatus a, RuleStatus b) {
    return rank(b) > rank(a) ? b : a;
  }

  private static int rank(RuleStatus s) {
    return switch (s) {
      case PASS, SKIP -> 0;
      case WARN -> 1;
      case ERROR -> 2;
      case FAIL -> 3;
    };
  }

  /**
   * Waits for one outcome until the deadline ({@code remaining} is what is left of it); a
   * verification still running then is reported as timed out.
   */
  static ImageOutcome await(
      CompletableFuture<ImageOutcome> f, MatchedImage image, Duration remaining) {
    long waitNanos = remaining.toNanos();
    try {
      return f.get(waitNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return ImageOutcome.error(
          image,
          null,
          "timed out verifying "
              + image.imageRef()
              + " after "
              + TimeUnit.NANOSECONDS.toMillis(waitNanos)
              + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ImageOutcome.error(image, null, "interrupted verifying " + image.imageRef());
    } catch (ExecutionException e) {
      return ImageOutcome.error(
          image,
          null,
          "failed to verify image " + image.kyvernoForm() + ": " + e.getCause().getMessage());
    }
  }

  static RuleResult.ImageCheck check(ImageOutcome o) {
    return new RuleResult.ImageCheck(
        o.image().imageRef(),
        o.digest() == null ? null : o.digest().toString(),
        o.status(),
        o.message());
  }

  static RuleResult.ImageCheck invalid(InvalidImage i) {
    return new RuleResult.ImageCheck(
        i.imageRef(),
        null,
        RuleStatus.ERROR,
        "invalid image reference " + i.imageRef() + ": " + i.message());
  }
}
