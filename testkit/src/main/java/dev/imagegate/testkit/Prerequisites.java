package dev.imagegate.testkit;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from outside the JVM (the peers of {@code bin/peers}, node and npm, openssl, a
 * reachable npm registry): the one place that decides between skipping and failing. Under {@code
 * CI=true} a missing prerequisite fails the test, so that CI can never pass by skipping what it was
 * meant to check; on a developer machine the test is skipped (aborted) with the same message. Every
 * message names {@code bin/peers}, the installer of the signing tools.
 */
public final class Prerequisites {
  private Prerequisites() {}

  /** True when the environment says this is a CI run ({@code CI=true}). */
  public static boolean ci() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * The installed peers, after checking that every tool the integration tests use is there, plus
   * {@code alsoNeeded} (e.g. {@code "crane"}).
   */
  public static Peers peers(String... alsoNeeded) {
    Peers peers = Peers.installed();
    List<String> missing = new ArrayList<>();
    if (!peers.available()) {
      missing.add("cosign, cosign2, notation, oras, docker-registry");
    }
    for (String tool : alsoNeeded) {
      if (!peers.has(tool)) {
        missing.add(tool);
      }
    }
    require(
        missing.isEmpty(),
        "peers not installed (" + String.join(", ", missing) + ")",
        "run bin/peers");
    return peers;
  }

  /**
   * Skips the test (locally) or fails it (under {@code CI=true}) when {@code present} is false.
   *
   * @param what what is missing, e.g. "node and npm (the sigstore-js mock signer)"
   * @param remedy how to get it
   */
  public static void require(boolean present, String what, String remedy) {
    if (present) {
      return;
    }
    String message =
        "missing prerequisite: "
            + what
            + "; "
            + remedy
            + " (bin/peers installs the signing tools the tests run)";
    if (ci()) {
      Assertions.fail(message + " [CI=true: a missing prerequisite fails instead of skipping]");
    }
    Assumptions.abort(message);
  }
}
