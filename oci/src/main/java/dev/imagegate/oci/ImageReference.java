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
          "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,10})?");

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
            || head.startsWith("[")
            // Docker: a first component with upper case letters is a host (LOCALHOST/x).
            || !head.equals(head.toLowerCase(java.util.Locale.ROOT)))) {
      repository = rest.substring(first + 1);
      try {
        registry = canonicalRegistry(head);
      } catch (IllegalArgumentException e) {
        throw new InvalidReferenceException(input, e.getMessage());
      }
      // An upper-case host with no '.' or ':' (LOCTO055/x) lower-cases to a name that reads as a
      // Docker Hub namespace: one spelling would name two images, so it is refused (fails closed).
      if (!registry.contains(".")
          && !registry.contains(":")
          && !registry.startsWith("[")
          && !registry.equals("localhost")) {
        throw new InvalidReferenceException(
            input,
            "ambiguous registry host "
                + head
                + ": write it in lower case with a '.' or a port, or use the Docker Hub name");
      }
    } else {
      registry = DOCKER_HUB;
      repository = rest;
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
    // Docker bounds the normalized name (docker.io/library/x), so a printed reference parses again.
    if (registry.length() + 1 + repository.length() > MAX_NAME_LENGTH) {
      throw new InvalidReferenceException(
          input, "repository name longer than " + MAX_NAME_LENGTH + " characters");
    }

    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new ImageReference(registry, repository, tag, digest);
  }

  /**
   * The one spelling of a registry host, so that policy patterns, caches, credentials and the
   * insecure-registry list all see the same name for one registry (issue 12, finding 1): lower
   * case; the port as a number without leading zeros; {@code :443} dropped (registries are reached
   * over HTTPS, whose port it is; {@code :80} is kept: TLS on port 80 is another endpoint); IPv6
   * literals in RFC 5952 form inside brackets, IPv4-mapped ones as dotted IPv4; and Docker Hub's
   * names {@code index.docker.io} and {@code registry-1.docker.io} as {@code docker.io} (Docker and
   * Kyverno treat them as one registry). Numeric hosts must be four decimal octets without leading
   * zeros: {@code 127.1} or {@code 0177.0.0.1} are refused rather than guessed.
   *
   * @throws IllegalArgumentException for a host that is not a registry host
   */
  public static String canonicalRegistry(String host) {
    if (host == null || !HOST.matcher(host).matches()) {
      throw new IllegalArgumentException("invalid registry host '" + host + "'");
    }
    String name = host.toLowerCase(java.util.Locale.ROOT);
    String port = null;
    int portColon = name.lastIndexOf(':');
    if (portColon > name.lastIndexOf(']')) {
      port = name.substring(portColon + 1);
      name = name.substring(0, portColon);
      long number = Long.parseLong(port);
      if (number < 1 || number > 65535) {
        throw new IllegalArgumentException(
            "invalid port in registry host '" + host + "' (1 to 65535)");
      }
      port = number == 443 ? null : Long.toString(number);
    }
    if (name.startsWith("[")) {
      name = ipv6(name.substring(1, name.length() - 1), host);
    } else if (name.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
      checkIpv4(name, host);
    }
    if (name.equals("index.docker.io") || name.equals("registry-1.docker.io")) {
      name = DOCKER_HUB;
    }
    return port == null ? name : name + ":" + port;
  }

  private static void checkIpv4(String name, String host) {
    String[] octets = name.split("\\.", -1);
    boolean valid = octets.length == 4;
    for (String o : octets) {
      valid &=
          !o.isEmpty()
              && o.length() <= 3
              && (o.length() == 1 || o.charAt(0) != '0')
              && Integer.parseInt(o) <= 255;
    }
    if (!valid) {
      throw new IllegalArgumentException(
          "ambiguous numeric registry host '"
              + host
              + "' (write an IPv4 address as four decimal numbers 0-255 without leading zeros)");
    }
  }

  private static String ipv6(String literal, String host) {
    java.net.InetAddress address;
    try {
      // A literal (it contains ':'), so no name lookup happens.
      address = java.net.InetAddress.getByName("[" + literal + "]");
    } catch (java.net.UnknownHostException | RuntimeException e) {
      throw new IllegalArgumentException("invalid IPv6 address in registry host '" + host + "'");
    }
    if (address instanceof java.net.Inet4Address) {
      return address.getHostAddress(); // IPv4-mapped: the IPv4 registry
    }
    byte[] b = address.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    // RFC 5952: the longest run (of two or more) of zero groups, the first on a tie, becomes "::".
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 1 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.append(']').toString();
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
    try {
      return Path.of(path).toAbsolutePath().normalize().toString();
    } catch (java.nio.file.InvalidPathException e) { // e.g. a NUL character (found by fuzzing)
      throw new InvalidReferenceException(input, "invalid OCI layout path: " + e.getReason());
    }
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
