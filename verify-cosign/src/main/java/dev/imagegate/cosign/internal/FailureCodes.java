package dev.imagegate.cosign.internal;

import dev.imagegate.verify.Failure;
import java.util.List;
import java.util.Locale;

/**
 * Turns the reasons of the sigstore building blocks (plain text) into one {@link Failure} with a
 * fitting code.
 */
final class FailureCodes {
  private static final int MAX_REASONS = 4;

  private FailureCodes() {}

  static Failure of(Failure.Code code, List<String> reasons) {
    List<String> shown = reasons.stream().distinct().limit(MAX_REASONS).toList();
    String more =
        reasons.size() > shown.size() ? " (and " + (reasons.size() - shown.size()) + " more)" : "";
    return new Failure(code, String.join("; ", shown) + more);
  }

  /** A code guessed from the first reason's wording; TRUST_POLICY when nothing fits. */
  static Failure classify(List<String> reasons) {
    String first = reasons.isEmpty() ? "" : reasons.get(0).toLowerCase(Locale.ROOT);
    Failure.Code code;
    if (first.contains("identit")) {
      code = Failure.Code.IDENTITY;
    } else if (first.contains("transparency log")
        || first.contains("tlog")
        || first.contains("rekor")
        || first.contains("inclusion")
        || first.contains("checkpoint")
        || first.contains(" set ")) {
      code = Failure.Code.TLOG;
    } else if (first.contains("timestamp")) {
      code = Failure.Code.TIMESTAMP;
    } else if (first.contains("sct") || first.contains("certificate")) {
      code = Failure.Code.CERTIFICATE;
    } else if (first.contains("signature")) {
      code = Failure.Code.BAD_SIGNATURE;
    } else if (first.contains("digest") || first.contains("subject")) {
      code = Failure.Code.SUBJECT_MISMATCH;
    } else if (first.contains("malformed") || first.contains("bundle")) {
      code = Failure.Code.MALFORMED;
    } else {
      code = Failure.Code.TRUST_POLICY;
    }
    return of(code, reasons);
  }
}
