package dev.imagegate.cosign.internal;

import dev.imagegate.verify.Failure;
import dev.imagegate.verify.SignatureFinding;
import dev.imagegate.verify.VerifiedAttestation;
import java.util.ArrayList;
import java.util.List;

/** Accumulates what one verification source found: every finding, and the verified attestations. */
public final class Checked {
  private final List<SignatureFinding> findings = new ArrayList<>();
  private final List<VerifiedAttestation> attestations = new ArrayList<>();

  void add(SignatureFinding f) {
    findings.add(f);
  }

  /** Adds the finding that the signature at {@code where} failed for {@code detail}. */
  void failed(String where, String kind, Failure.Code code, String detail) {
    add(SignatureFinding.failed(where, kind, new Failure(code, detail)));
  }

  void add(SignatureFinding f, VerifiedAttestation a) {
    findings.add(f);
    attestations.add(a);
  }

  public List<SignatureFinding> findings() {
    return findings;
  }

  public List<VerifiedAttestation> attestations() {
    return attestations;
  }

  public boolean anyVerified() {
    return findings.stream().anyMatch(SignatureFinding::verified);
  }
}
