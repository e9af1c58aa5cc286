package dev.imagegate.cosign;

import java.util.Map;

/**
 * cosign's {@code --type} shorthands (cosign options/predicate.go); anything else must be a URI.
 */
public final class PredicateTypes {
  public static final String CUSTOM = "https://cosign.sigstore.dev/attestation/v1";

  /** Predicate type of the statement cosign v3 {@code sign} wraps in a bundle. */
  public static final String COSIGN_SIGN_V1 = "https://sigstore.dev/cosign/sign/v1";

  private static final Map<String, String> SHORTHANDS =
      Map.ofEntries(
          Map.entry("custom", CUSTOM),
          Map.entry("slsaprovenance", "https://slsa.dev/provenance/v0.2"),
          Map.entry("slsaprovenance02", "https://slsa.dev/provenance/v0.2"),
          Map.entry("slsaprovenance1", "https://slsa.dev/provenance/v1"),
          Map.entry("spdx", "https://spdx.dev/Document"),
          Map.entry("spdxjson", "https://spdx.dev/Document"),
          Map.entry("cyclonedx", "https://cyclonedx.org/bom"),
          Map.entry("link", "https://in-toto.io/Link/v1"),
          Map.entry("vuln", "https://cosign.sigstore.dev/attestation/vuln/v1"),
          Map.entry("openvex", "https://openvex.dev/ns"));

  private PredicateTypes() {}

  /** Maps a shorthand to its URI; URIs pass through; anything else is a usage error. */
  public static String resolve(String type) {
    String mapped = SHORTHANDS.get(type);
    if (mapped != null) {
      return mapped;
    }
    if (type.contains("://")) {
      return type;
    }
    throw new IllegalArgumentException(
        "unknown predicate type '" + type + "': use a URI or one of " + SHORTHANDS.keySet());
  }
}
