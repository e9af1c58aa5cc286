package dev.imagegate.cosign.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.base.Result;
import dev.imagegate.base.UntrustedJson;
import dev.imagegate.verify.Failure;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A real parser of signature data refuses over-limit JSON with a clean MALFORMED failure. */
class SimpleSigningPayloadLimitsTest {
  private static final String DIGEST =
      "sha256:0000000000000000000000000000000000000000000000000000000000000000";

  private static byte[] payload(String optional) {
    return ("{\"critical\":{\"identity\":{\"docker-reference\":\"r\"},\"image\":"
            + "{\"docker-manifest-digest\":\""
            + DIGEST
            + "\"},\"type\":\"cosign container image signature\"},\"optional\":"
            + optional
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anOrdinaryPayloadParses() {
    Result<SimpleSigningPayload> parsed = SimpleSigningPayload.parse(payload("{\"a\":\"b\"}"));

    assertThat(parsed.isOk()).isTrue();
    assertThat(parsed.value().manifestDigest()).isEqualTo(DIGEST);
  }

  @Test
  void anOverDeepPayloadIsRefused() {
    int depth = UntrustedJson.MAX_DEPTH;
    Result<SimpleSigningPayload> parsed =
        SimpleSigningPayload.parse(payload("[".repeat(depth) + "]".repeat(depth)));

    assertThat(parsed.isOk()).isFalse();
    assertThat(SimpleSigningPayload.malformed(parsed).code()).isEqualTo(Failure.Code.MALFORMED);
    assertThat(parsed.reason()).startsWith("payload is not JSON").contains("nesting depth");
  }

  @Test
  void anOverlongNumberIsRefused() {
    Result<SimpleSigningPayload> parsed =
        SimpleSigningPayload.parse(payload("1" + "0".repeat(UntrustedJson.MAX_NUMBER_CHARS)));

    assertThat(parsed.isOk()).isFalse();
    assertThat(parsed.reason()).contains("Number value length");
  }

  @Test
  void aDuplicatedDigestIsRefused() {
    byte[] twice =
        ("{\"critical\":{\"image\":{\"docker-manifest-digest\":\""
                + DIGEST
                + "\",\"docker-manifest-digest\":\"sha256:11\"}}}")
            .getBytes(StandardCharsets.UTF_8);

    Result<SimpleSigningPayload> parsed = SimpleSigningPayload.parse(twice);

    assertThat(parsed.isOk()).isFalse();
    assertThat(parsed.reason()).contains("Duplicate field");
  }
}
