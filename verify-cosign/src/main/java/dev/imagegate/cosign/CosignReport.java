package dev.imagegate.cosign;

import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.SignatureFinding;
import java.util.List;

/** Everything examined for one image and the outcome. */
public record CosignReport(Outcome outcome, List<SignatureFinding> findings) {
  public CosignReport {
    findings = List.copyOf(findings);
  }
}
