package dev.imagegate.notation.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.base.Result;
import java.io.IOException;
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
    byte[] der = tokenInput("crash-58f45a126da0822faed0b6e19334d14826771a68");
    Result<TimestampToken> p = TimestampToken.parse(der);
    if (p.isOk()) {
      p.value().verify(List.of(), Instant.parse("2025-01-01T00:00:00Z"));
    }
    assertThat(p.isOk()).isFalse();
    assertThat(p.reason()).isNotEmpty();
  }

  /**
   * TimestampTokenFuzzTest, crash-df8caadd (the fuzz pass of CI, session 9): a TSTInfo version
   * beyond int range made {@code info} throw ArithmeticException from {@code intValueExact}; now it
   * is an invalid token, with the reason.
   */
  @Test
  void aTstInfoVersionBeyondIntRangeIsAnInvalidToken() throws Exception {
    byte[] der = tokenInput("crash-df8caadd9255bd8113f60f4e752f177ede47cae1");
    Result<TimestampToken> p = TimestampToken.parse(der);
    assertThat(p.isOk()).isTrue();
    Result<TimestampToken.Info> info = p.value().info("signature".getBytes(UTF_8));
    assertThat(info.isOk()).isFalse();
    assertThat(info.reason()).contains("version must be 1");
  }

  /** A TimestampTokenFuzzTest input kept in its corpus, by file name. */
  private static byte[] tokenInput(String name) throws IOException {
    try (InputStream in =
        FuzzFindingsTest.class.getResourceAsStream("TimestampTokenFuzzTestInputs/token/" + name)) {
      return in.readAllBytes();
    }
  }
}
