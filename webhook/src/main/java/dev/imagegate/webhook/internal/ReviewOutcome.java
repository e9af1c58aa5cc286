package dev.imagegate.webhook.internal;

import dev.imagegate.engine.Decision;
import java.time.Duration;

/** How one review ended, before failurePolicy turns it into an answer. */
public sealed interface ReviewOutcome {
  /** The metrics/log label of this outcome. */
  String label();

  /** The engine decided. */
  record Decided(Decision decision) implements ReviewOutcome {
    @Override
    public String label() {
      return decision.allowed() ? "allowed" : "denied";
    }
  }

  /**
   * Nothing to verify (no policy can match the kind, DELETE, CONNECT); allowed without calling the
   * engine.
   */
  record Skipped(String reason) implements ReviewOutcome {
    @Override
    public String label() {
      return "skipped";
    }
  }

  /** The engine had not answered when the review deadline came. */
  record TimedOut(Duration budget) implements ReviewOutcome {
    @Override
    public String label() {
      return "timeout";
    }
  }

  /** The engine threw (a bug or broken configuration: expected failures are rule results). */
  record EngineFailed(Throwable error) implements ReviewOutcome {
    @Override
    public String label() {
      return "error";
    }
  }

  /** No evaluation slot became free before the deadline. */
  record Overloaded(int concurrencyLimit) implements ReviewOutcome {
    @Override
    public String label() {
      return "overloaded";
    }
  }

  /**
   * The review itself is refused before any policy is consulted (a malformed object, a kind that
   * disagrees with the request, an image that is not a registry reference); always denied, whatever
   * the failurePolicy.
   */
  record Refused(String reason) implements ReviewOutcome {
    @Override
    public String label() {
      return "refused";
    }
  }

  /** No policies loaded yet. */
  record NotReady() implements ReviewOutcome {
    @Override
    public String label() {
      return "not_ready";
    }
  }
}
