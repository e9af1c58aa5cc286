package dev.imagegate.cel;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An image reference parsed like go-containerregistry's {@code name.ParseReference} with default
 * (non-strict) options, which is what Kyverno's {@code parseImageReference()} / {@code image()}
 * return. Docker Hub is {@code index.docker.io} ({@code docker.io} is rewritten to it); the first
 * path element is a registry only when it contains {@code .} or {@code :} (so {@code localhost/x}
 * is a Docker Hub repository, as in go-containerregistry); a Docker Hub repository without {@code
 * /} gets {@code library/}; a tag reference without a tag gets {@code latest}. A reference with a
 * digest is a digest reference: its tag, if any, is dropped ({@code tag()} is empty), and only
 * {@code sha256:} digests are accepted.
 *
 * @param registry the registry, e.g. {@code index.docker.io} or {@code ghcr.io:443}
 * @param repository the repository with the implicit {@code library/} applied
 * @param tag the tag; empty for digest references
 * @param digest the digest ({@code sha256:<64 hex>}); empty for tag references
 */
public record ImageName(String registry, String repository, String tag, String digest) {
  public static final String DOCKER_HUB = "index.docker.io";
  public static final String DEFAULT_TAG = "latest";

  /** Bound on the input length, as Docker's reference grammar. */
  public static final int MAX_LENGTH = 4096;

  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9_./-]{2,255}");
  private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");

  /**
   * Parses {@code s}.
   *
   * @throws IllegalArgumentException "could not parse reference: s" when it is neither a tag nor a
   *     digest reference
   */
  public static ImageName parse(String s) {
    if (s.length() <= MAX_LENGTH) {
      @Nullable ImageName n = tagReference(s);
      if (n == null) {
        n = digestReference(s);
      }
      if (n != null) {
        return n;
      }
    }
    throw new IllegalArgumentException("could not parse reference: " + s);
  }

  /** Whether {@link #parse} accepts {@code s}. */
  public static boolean isValid(String s) {
    try {
      parse(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The tag, or the digest for a digest reference (go-containerregistry's {@code Identifier()}).
   */
  public String identifier() {
    return digest.isEmpty() ? tag : digest;
  }

  public boolean containsDigest() {
    return !digest.isEmpty();
  }

  /** {@code registry/repository:tag} or {@code registry/repository@digest}. */
  @Override
  public String toString() {
    return registry + "/" + repository + (digest.isEmpty() ? ":" + tag : "@" + digest);
  }

  private static @Nullable ImageName tagReference(String s) {
    String base = s;
    String tag = DEFAULT_TAG;
    int colon = s.lastIndexOf(':');
    if (colon >= 0 && s.indexOf('/', colon) < 0) {
      base = s.substring(0, colon);
      tag = s.substring(colon + 1);
    }
    if (!tag.isEmpty() && !TAG.matcher(tag).matches()) {
      return null;
    }
    if (tag.isEmpty()) {
      tag = DEFAULT_TAG;
    }
    String[] repo = repository(base);
    return repo == null ? null : new ImageName(repo[0], repo[1], tag, "");
  }

  private static @Nullable ImageName digestReference(String s) {
    String[] parts = s.split("@", -1);
    if (parts.length != 2 || !parts[1].startsWith("sha256:")) {
      return null;
    }
    if (!SHA256.matcher(parts[1].substring("sha256:".length())).matches()) {
      return null;
    }
    ImageName tagged = tagReference(parts[0]);
    String[] repo =
        tagged != null ? new String[] {tagged.registry, tagged.repository} : repository(parts[0]);
    return repo == null ? null : new ImageName(repo[0], repo[1], "", parts[1]);
  }

  /** {registry, repository with implicit namespace}, or null. */
  private static String @Nullable [] repository(String name) {
    if (name.isEmpty()) {
      return null;
    }
    String registry = "";
    String repo = name;
    int slash = name.indexOf('/');
    if (slash >= 0) {
      String first = name.substring(0, slash);
      if (first.indexOf('.') >= 0 || first.indexOf(':') >= 0) {
        registry = first;
        repo = name.substring(slash + 1);
      }
    }
    if (!REPOSITORY.matcher(repo).matches()) {
      return null;
    }
    if (registry.isEmpty() || registry.equals("docker.io")) {
      registry = DOCKER_HUB;
    } else if (!isAuthority(registry)) {
      return null;
    }
    return new String[] {registry, implicit(registry, repo)};
  }

  private static String implicit(String registry, String repo) {
    return registry.equals(DOCKER_HUB) && repo.indexOf('/') < 0 ? "library/" + repo : repo;
  }

  /** RFC 3986 authority ({@code host[:port]}), as go-containerregistry's checkRegistry. */
  private static boolean isAuthority(String registry) {
    try {
      URI u = new URI("//" + registry);
      return registry.equals(u.getRawAuthority()) && u.getRawUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
