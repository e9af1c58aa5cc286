package dev.imagegate.webhook.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bounds on a tenant's AdmissionReview body (docs/security.md): a 400 with the reason. */
class BoundsTest {
  @Test
  void deepJsonIsA400() {
    AdmissionReviewCodec codec = new AdmissionReviewCodec(64);
    String body =
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":"
            + "[".repeat(100)
            + "]".repeat(100)
            + "}";
    assertThatThrownBy(() -> codec.parse(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("parser limits");
  }
}
