package dev.imagegate.oci;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One finished operation.
 *
 * @param operation what was done
 * @param repository where
 * @param target the tag, digest or subject the operation was about
 * @param elapsed wall time including retries, token requests and redirects
 * @param httpExchanges HTTP requests sent (0 for OCI layouts)
 * @param failure why it failed, or null when it succeeded (an absent manifest is a success)
 */
public record OciEvent(
    Operation operation,
    RepositoryName repository,
    String target,
    Duration elapsed,
    int httpExchanges,
    RegistryException.@Nullable Kind failure) {
  /** Kinds of operation, matching the {@link Repository} methods. */
  public enum Operation {
    RESOLVE,
    MANIFEST,
    BLOB,
    REFERRERS
  }

  public boolean succeeded() {
    return failure == null;
  }
}
