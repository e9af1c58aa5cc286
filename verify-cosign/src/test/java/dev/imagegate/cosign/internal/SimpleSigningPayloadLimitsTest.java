package dev.imagegate.cosign.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
    SimpleSigningPayload.Parsed parsed = SimpleSigningPayload.parse(payload("{\"a\":\"b\"}"));

    assertThat(parsed.failure()).isNull();
    assertThat(parsed.payload().manifestDigest()).isEqualTo(DIGEST);
  }

  @Test
  void anOverDeepPayloadIsRefused() {
    int depth = UntrustedJson.MAX_DEPTH;
    SimpleSigningPayload.Parsed parsed =
        SimpleSigningPayload.parse(payload("[".repeat(depth) + "]".repeat(depth)));

    assertThat(parsed.payload()).isNull();
    assertThat(parsed.failure().code()).isEqualTo(Failure.Code.MALFORMED);
    assertThat(parsed.failure().message())
        .startsWith("payload is not JSON")
        .contains("nesting depth");
  }

  @Test
  void anOverlongNumberIsRefused() {
    SimpleSigningPayload.Parsed parsed =
        SimpleSigningPayload.parse(payload("1" + "0".repeat(UntrustedJson.MAX_NUMBER_CHARS)));

    assertThat(parsed.payload()).isNull();
    assertThat(parsed.failure().message()).contains("Number value length");
  }

  @Test
  void aDuplicatedDigestIsRefused() {
    byte[] twice =
        ("{\"critical\":{\"image\":{\"docker-manifest-digest\":\""
                + DIGEST
                + "\",\"docker-manifest-digest\":\"sha256:11\"}}}")
            .getBytes(StandardCharsets.UTF_8);

    SimpleSigningPayload.Parsed parsed = SimpleSigningPayload.parse(twice);

    assertThat(parsed.payload()).isNull();
    assertThat(parsed.failure().message()).contains("Duplicate field");
  }
}
