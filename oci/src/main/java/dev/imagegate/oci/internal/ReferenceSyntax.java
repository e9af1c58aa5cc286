package dev.imagegate.oci.internal;

import dev.imagegate.oci.Digest;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.RegistryException.Kind;
import dev.imagegate.oci.RepositoryName;
import java.util.regex.Pattern;

/**
 * Validates what goes into a URL path: tags and digests per the distribution spec, repository paths
 * per Docker's grammar. A caller-supplied {@code ../} or {@code ?} must never reach the registry.
 */
final class ReferenceSyntax {
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern PATH =
      Pattern.compile(
          "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");

  private ReferenceSyntax() {}

  static boolean isDigest(String reference) {
    return reference.indexOf(':') > 0;
  }

  /** The tag or digest, validated; digests are normalised through {@link Digest}. */
  static String checkReference(String reference, RepositoryName repo) throws RegistryException {
    if (reference == null || reference.isEmpty()) {
      throw new RegistryException(Kind.PROTOCOL, "empty tag or digest for " + repo);
    }
    if (isDigest(reference)) {
      try {
        return Digest.parse(reference).toString();
      } catch (IllegalArgumentException e) {
        throw new RegistryException(
            Kind.PROTOCOL, 0, "invalid digest for " + repo + ": " + e.getMessage(), e);
      }
    }
    if (!TAG.matcher(reference).matches()) {
      throw new RegistryException(
          Kind.PROTOCOL,
          "invalid tag '"
              + RegistryErrors.printable(reference)
              + "' for "
              + repo
              + " (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-')");
    }
    return reference;
  }

  static void checkRepositoryPath(RepositoryName repo) {
    if (repo.path() == null || repo.path().length() > 255 || !PATH.matcher(repo.path()).matches()) {
      throw new IllegalArgumentException(
          "invalid repository path '"
              + repo.path()
              + "' of "
              + repo.registry()
              + " (lower-case components separated by '/', at most 255 characters)");
    }
  }
}
