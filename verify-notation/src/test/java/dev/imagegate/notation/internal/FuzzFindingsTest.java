package dev.imagegate.notation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.base.Result;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inputs the fuzz tests found that broke a parser's contract, each fixed (docs/security.md). */
class FuzzFindingsTest {
  /**
   * TimestampTokenFuzzTest, crash-58f45a12: a signer identifier whose name holds invalid UTF-8 made
   * Bouncy Castle throw IllegalArgumentException when the signer infos were first read (in verify);
   * now the token does not parse, with the reason.
   */
  @Test
  void signerNameWithInvalidUtf8IsAParseError() throws Exception {
    byte[] der;
    try (InputStream in =
        FuzzFindingsTest.class.getResourceAsStream(
            "TimestampTokenFuzzTestInputs/token/crash-58f45a126da0822faed0b6e19334d14826771a68")) {
      der = in.readAllBytes();
    }
    Result<TimestampToken> p = TimestampToken.parse(der);
    if (p.isOk()) {
      p.value().verify(List.of(), Instant.parse("2025-01-01T00:00:00Z"));
    }
    assertThat(p.isOk()).isFalse();
    assertThat(p.reason()).isNotEmpty();
  }
}
