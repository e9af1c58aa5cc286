package dev.imagegate.webhook.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * AdmissionReview bodies are built from tenant objects: any bytes give a request or {@link
 * BadRequestException} (a 400 with a reason); the pod spec and image extraction that follow accept
 * any object shape without an exception.
 */
class AdmissionReviewFuzzTest {
  private static final AdmissionReviewCodec CODEC = new AdmissionReviewCodec(64);

  @FuzzTest
  void review(byte[] body) {
    AdmissionRequest request;
    try {
      request = CODEC.parse(body);
    } catch (BadRequestException expected) {
      return;
    }
    if (request.object() == null) {
      return;
    }
    PodSpecs.of(request.object())
        .ifPresent(
            spec -> {
              PodSpecs.serviceAccount(spec);
              PodSpecs.imagePullSecretNames(spec);
            });
    // Image extraction from the object is fuzzed in the policy module (its API is policy-internal).
  }
}
