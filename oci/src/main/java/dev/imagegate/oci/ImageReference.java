package dev.imagegate.oci;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An image reference normalised like Docker: {@code nginx} is {@code
 * docker.io/library/nginx:latest}. {@code tag} and {@code digest} may both be set ({@code
 * repo:tag@sha256:...}: the digest wins for fetching); a bare repository gets the tag {@code
 * latest}. OCI layouts are written {@code oci-layout:PATH:TAG} or {@code oci-layout:PATH@DIGEST};
 * their registry is {@link RepositoryName#LAYOUT}.
 */
public record ImageReference(
    String registry, String repository, @Nullable String tag, @Nullable Digest digest) {
  public static final String DOCKER_HUB = "docker.io";
  private static final String LAYOUT_PREFIX = "oci-layout:";
  private static final Pattern PATH_COMPONENT =
      Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern HOST =
      Pattern.compile(
          "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");

  /** Docker's bound on the whole reference. */
  public static final int MAX_LENGTH = 4096;

  /** Docker's bound on registry plus repository ({@code NameTotalLengthMax}). */
  public static final int MAX_NAME_LENGTH = 255;

  public static ImageReference parse(String input) {
    if (input == null || input.isEmpty()) {
      throw new InvalidReferenceException(String.valueOf(input), "the reference is empty");
    }
    if (input.length() > MAX_LENGTH) {
      throw new InvalidReferenceException(
          input.substring(0, 64) + "...", "longer than " + MAX_LENGTH + " characters");
    }
    if (input.startsWith(LAYOUT_PREFIX)) {
      return parseLayout(input);
    }
    String rest = input;
    Digest digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      try {
        digest = Digest.parse(rest.substring(at + 1));
      } catch (IllegalArgumentException e) {
        throw new InvalidReferenceException(input, e.getMessage());
      }
      rest = rest.substring(0, at);
    }
    String tag = null;
    int slash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > slash) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new InvalidReferenceException(
            input,
            "invalid tag '"
                + tag
                + "' (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-')");
      }
    }
    if (rest.length() > MAX_NAME_LENGTH) {
      throw new InvalidReferenceException(
          input, "repository name longer than " + MAX_NAME_LENGTH + " characters");
    }
    String registry;
    String repository;
    int first = rest.indexOf('/');
    String head = first < 0 ? null : rest.substring(0, first);
    // Docker's rule: the first component is a registry host when it has a '.', a ':' or is
    // 'localhost'.
    if (head != null
        && (head.contains(".")
            || head.contains(":")
            || head.equals("localhost")
            || head.startsWith("["))) {
      registry = head;
      repository = rest.substring(first + 1);
      if (!HOST.matcher(registry).matches()) {
        throw new InvalidReferenceException(input, "invalid registry host '" + registry + "'");
      }
      int portColon = registry.lastIndexOf(':');
      if (portColon > registry.lastIndexOf(']')
          && Integer.parseInt(registry.substring(portColon + 1)) > 65535) {
        throw new InvalidReferenceException(
            input, "invalid port in registry host '" + registry + "' (at most 65535)");
      }
    } else {
      registry = DOCKER_HUB;
      repository = rest;
    }
    if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (repository.isEmpty()) {
      throw new InvalidReferenceException(input, "the repository name is empty");
    }
    for (String c : repository.split("/", -1)) {
      if (!c.equals(c.toLowerCase(java.util.Locale.ROOT))
          && PATH_COMPONENT.matcher(c.toLowerCase(java.util.Locale.ROOT)).matches()) {
        throw new InvalidReferenceException(
            input, "repository name '" + repository + "' must be lowercase");
      }
      if (!PATH_COMPONENT.matcher(c).matches()) {
        throw new InvalidReferenceException(
            input,
            "invalid repository path component '"
                + c
                + "' (lower-case letters, digits and single separators '.', '_', '__', '-')");
      }
    }
    if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
      repository = "library/" + repository;
    }

    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new ImageReference(registry, repository, tag, digest);
  }

  private static ImageReference parseLayout(String input) {
    String rest = input.substring(LAYOUT_PREFIX.length());
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      try {
        Digest d = Digest.parse(rest.substring(at + 1));
        return new ImageReference(
            RepositoryName.LAYOUT, absolute(rest.substring(0, at), input), null, d);
      } catch (IllegalArgumentException e) {
        throw new InvalidReferenceException(input, e.getMessage());
      }
    }
    int colon = rest.lastIndexOf(':');
    if (colon <= 0 || rest.lastIndexOf('/') > colon) {
      throw new InvalidReferenceException(
          input,
          "an OCI layout reference needs a tag or digest: oci-layout:PATH:TAG or oci-layout:PATH@DIGEST");
    }
    String tag = rest.substring(colon + 1);
    if (tag.isEmpty()) {
      throw new InvalidReferenceException(input, "empty tag");
    }
    return new ImageReference(
        RepositoryName.LAYOUT, absolute(rest.substring(0, colon), input), tag, null);
  }

  private static String absolute(String path, String input) {
    if (path.isEmpty()) {
      throw new InvalidReferenceException(input, "empty OCI layout path");
    }
    return Path.of(path).toAbsolutePath().normalize().toString();
  }

  public RepositoryName repositoryName() {
    return new RepositoryName(registry, repository);
  }

  public boolean isLayout() {
    return RepositoryName.LAYOUT.equals(registry);
  }

  public ImageReference withDigest(Digest d) {
    return new ImageReference(registry, repository, tag, d);
  }

  /** {@code tag} or {@code digest} string to fetch: the digest when present. */
  public String reference() {
    if (digest != null) {
      return digest.toString();
    }
    // parse() gives every reference without a digest a tag ("latest" when none is written)
    return Objects.requireNonNull(tag, "an image reference without tag or digest");
  }

  /**
   * Registry and repository, e.g. {@code docker.io/library/nginx} (Kyverno matches patterns against
   * the full form).
   */
  public String context() {
    return isLayout() ? "oci-layout:" + repository : registry + "/" + repository;
  }

  @Override
  public String toString() {
    String s = context();
    if (tag != null) {
      s += ":" + tag;
    }
    if (digest != null) {
      s += "@" + digest;
    }
    return s;
  }
}
