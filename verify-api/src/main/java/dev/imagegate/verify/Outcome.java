package dev.imagegate.verify;

import java.util.List;

/** Result of verifying one image against one requirement set. */
public sealed interface Outcome {
  boolean verified();

  /** Every requirement held. */
  record Verified(VerifiedImage proof) implements Outcome {
    @Override
    public boolean verified() {
      return true;
    }
  }

  /** Signatures were missing or did not satisfy the requirements: a denial. */
  record Denied(List<Failure> failures) implements Outcome {
    public Denied {
      failures = List.copyOf(failures);
    }

    @Override
    public boolean verified() {
      return false;
    }

    /** The failures joined into one line. */
    public String reason() {
      return failures.stream()
          .map(Failure::message)
          .distinct()
          .reduce((a, b) -> a + "; " + b)
          .orElse("not verified");
    }
  }

  /**
   * Verification could not be completed (registry unreachable, timeout, unsupported configuration).
   * Enforce treats it as a denial unless the policy's failurePolicy is Ignore.
   */
  record Error(String message) implements Outcome {
    @Override
    public boolean verified() {
      return false;
    }
  }
}
