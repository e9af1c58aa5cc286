package dev.imagegate.ivpol.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One {@code resources} entry of a resourceRule against a request's resource and subresource, as
 * the API server's admission matcher reads it, with imagegate's two fail-closed choices (a {@code
 * pods} include also covers {@code pods/ephemeralcontainers}; the CLI's whole object matches
 * subresource includes as their parent).
 */
class ResourceEntryMatchingTest {

  @ParameterizedTest(name = "{0} vs {1}/{2} exclude={3} -> {4}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        // entry, resource, subresource (NULL: whole object, "" none), exclude, matches
        "pods, pods, '', false, true",
        "pods, pods, status, false, false",
        "pods, pods, ephemeralcontainers, false, true", // imagegate: stricter than Kubernetes
        "pods, pods, ephemeralcontainers, true, false", // excludes stay exact
        "pods/ephemeralcontainers, pods, ephemeralcontainers, false, true",
        "pods/ephemeralcontainers, pods, ephemeralcontainers, true, true",
        "pods/ephemeralcontainers, pods, '', false, false",
        "pods/ephemeralcontainers, pods, status, false, false",
        "pods/*, pods, ephemeralcontainers, false, true",
        "pods/*, pods, '', false, true", // '*' also matches no subresource
        "*, pods, '', false, true",
        "*, deployments, scale, false, false",
        "*, pods, ephemeralcontainers, false, true", // imagegate: stricter than Kubernetes
        "*/*, deployments, scale, false, true",
        "*/*, pods, '', false, true",
        "*/scale, deployments, scale, false, true",
        "*/scale, deployments, '', false, false",
        "deployments, pods, '', false, false",
        // The whole object (CLI): includes naming a subresource match as their parent.
        "pods/ephemeralcontainers, pods, NULL, false, true",
        "pods, pods, NULL, false, true",
        "pods/ephemeralcontainers, pods, NULL, true, false",
        "pods/*, pods, NULL, true, true",
        "pods, pods, NULL, true, true",
        "deployments/scale, pods, NULL, false, false",
      })
  void entryAgainstRequest(
      String entry, String resource, @Nullable String sub, boolean exclude, boolean expected) {
    Matching.Target target = new Matching.Target("", "v1", resource, sub, exclude);
    assertThat(Matching.resourceMatches(entry, target)).isEqualTo(expected);
  }
}
