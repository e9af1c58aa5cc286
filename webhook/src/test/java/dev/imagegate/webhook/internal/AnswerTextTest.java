package dev.imagegate.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The guard on every answer's text (issue 12, finding 7). */
class AnswerTextTest {
  @Test
  void removesJavaInternalsAndKeepsImagesAndHosts() {
    String leaked =
        "failed to verify image 127.0.0.1:5000/x/app:v1.2.RC1 at registry.Example.io: "
            + "NullPointerException: Cannot invoke \"com.fasterxml.jackson.databind.JsonNode"
            + ".path(String)\" because \"list\" is null (java.lang.IllegalStateException)";

    String scrubbed = AnswerText.scrub(leaked);

    assertThat(scrubbed)
        .doesNotContain(
            "NullPointerException", "IllegalStateException", "com.fasterxml", "java.lang")
        .doesNotContain("Cannot invoke")
        .contains("127.0.0.1:5000/x/app:v1.2.RC1", "registry.Example.io");
  }
}
