package dev.imagegate.cosign.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.imagegate.base.Result;
import dev.imagegate.oci.Digest;
import dev.imagegate.trust.Dsse;
import java.util.Map;

/**
 * Signed payloads come from registries: a cosign simple-signing payload and an in-toto statement in
 * a DSSE envelope parse into a value or a failure value, and their claim checks answer with a
 * failure or null, never an exception.
 */
class CosignPayloadFuzzTest {
  private static final Digest IMAGE =
      Digest.parse("sha256:0f6976752d6486db432c0cbef72aa307cb2d4d642f25ceb4915b5a233f54095e");

  @FuzzTest
  void payloads(byte[] input) {
    if (SimpleSigningPayload.parse(input) instanceof Result.Ok<SimpleSigningPayload>(var simple)) {
      simple.checkClaims(IMAGE, Map.of("env", "prod"));
    }
    if (InTotoStatement.parse(new Dsse.Envelope(Dsse.IN_TOTO, input, java.util.List.of()))
        instanceof Verdict.Ok<InTotoStatement>(var statement)) {
      statement.checkSubject(IMAGE, Map.of("env", "prod"));
    }
  }
}
