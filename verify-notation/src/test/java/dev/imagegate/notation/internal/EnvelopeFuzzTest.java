package dev.imagegate.notation.internal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Notary signature envelopes (JWS JSON and COSE_Sign1) come from registries: any bytes give an
 * envelope, {@code Invalid} with a reason, never an exception.
 */
class EnvelopeFuzzTest {
  @FuzzTest
  void envelope(FuzzedDataProvider data) {
    String mediaType = data.consumeBoolean() ? EnvelopeParser.JWS : EnvelopeParser.COSE;
    EnvelopeParser.parse(data.consumeRemainingAsBytes(), mediaType);
  }
}
