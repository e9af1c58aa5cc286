package dev.imagegate.ivpol.convert;

import dev.imagegate.policy.Location;

/**
 * Something in a legacy rule an ImageValidatingPolicy cannot express the same way; the conversion
 * went as far as it could and wrote a {@code TODO(imagegate convert)} comment.
 *
 * @param policy the legacy policy ({@code name} or {@code namespace/name})
 * @param rule the rule's name
 * @param location where the rule was written
 * @param reason what does not convert and why
 */
public record ConversionGap(String policy, String rule, Location location, String reason) {
  @Override
  public String toString() {
    return location + ": " + policy + "/" + rule + ": " + reason;
  }
}
