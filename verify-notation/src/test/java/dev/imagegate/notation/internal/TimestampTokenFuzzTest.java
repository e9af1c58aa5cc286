package dev.imagegate.notation.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.imagegate.base.Result;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * RFC 3161 timestamp tokens ride in a signature's unsigned attributes: any DER gives a token or a
 * parse error; the TSTInfo and signer checks answer with an error string, never an exception.
 */
class TimestampTokenFuzzTest {
  @FuzzTest
  void token(byte[] input) {
    if (!(TimestampToken.parse(input) instanceof Result.Ok<TimestampToken>(TimestampToken token))) {
      return;
    }
    token.info("signature".getBytes(StandardCharsets.UTF_8));
    token.verify(token.certificates(), Instant.parse("2025-01-01T00:00:00Z"));
    token.verify(List.of(), Instant.parse("2025-01-01T00:00:00Z"));
  }
}
