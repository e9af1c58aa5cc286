package dev.imagegate.sigstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.sigstore.Check;
import dev.imagegate.sigstore.TimeRange;
import dev.imagegate.sigstore.TransparencyLog;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Signed-note checkpoints: parsing and the "one signature from the log" rule, with an Ed25519 log
 * key.
 */
class CheckpointTest {
  static final String ORIGIN = "log.example.test";
  static final String ROOT = Base64.getEncoder().encodeToString(new byte[32]);
  static KeyPair log;
  static KeyPair other;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
    log = g.generateKeyPair();
    other = g.generateKeyPair();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // case                  | note text (\n escaped as ~)     | signature lines: signer:key
        //            | expected (ok or failure fragment)
        "log signature           | "
            + ORIGIN
            + "~5~ROOT~          | "
            + ORIGIN
            + ":log                          | ok",
        "witness line first      | "
            + ORIGIN
            + "~5~ROOT~          | witness.example:other,"
            + ORIGIN
            + ":log    | ok",
        "extension line          | "
            + ORIGIN
            + "~5~ROOT~ext: 1~   | "
            + ORIGIN
            + ":log                          | ok",
        "only a witness          | "
            + ORIGIN
            + "~5~ROOT~          | witness.example:other                       | has no signature from the log",
        "name differs            | "
            + ORIGIN
            + "~5~ROOT~          | evil.example:log                            | has no signature from the log",
        "wrong key, right name   | "
            + ORIGIN
            + "~5~ROOT~          | "
            + ORIGIN
            + ":other                        | has no signature from the log",
        "missing size line       | "
            + ORIGIN
            + "~ROOT~            | "
            + ORIGIN
            + ":log                          | expected origin, tree size and root hash",
        "size not a number       | "
            + ORIGIN
            + "~ROOT~5~          | "
            + ORIGIN
            + ":log                          | tree size line",
        "no signature lines      | "
            + ORIGIN
            + "~5~ROOT~          | -                                           | no signature lines",
      })
  void checkpoint(String name, String note, String signers, String expected) throws Exception {
    String text = note.replace("ROOT", ROOT).replace('~', '\n');
    StringBuilder env = new StringBuilder(text).append('\n');
    if (!signers.equals("-")) {
      for (String s : signers.split(",")) {
        String[] p = s.split(":");
        KeyPair k = p[1].equals("log") ? log : other;
        env.append("\u2014 ").append(p[0]).append(' ').append(sign(p[0], k, text)).append('\n');
      }
    }
    TransparencyLog tl =
        new TransparencyLog(
            "https://" + ORIGIN,
            log.getPublic(),
            Digests.sha256(log.getPublic().getEncoded()),
            TimeRange.ALWAYS);
    Check<Checkpoint> parsed = Checkpoint.parse(env.toString());
    Check<Checkpoint> result = parsed.isPassed() ? parsed.value().verifySignedBy(tl) : parsed;
    if (expected.equals("ok")) {
      assertThat(result.reasons()).isEmpty();
      assertThat(result.value().size()).isEqualTo(5);
    } else {
      assertThat(result.reasons()).singleElement().asString().contains(expected);
    }
  }

  /** C2SP Ed25519 key hint: first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key). */
  private static String sign(String name, KeyPair k, String text) throws Exception {
    byte[] spki = k.getPublic().getEncoded();
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(name.getBytes(StandardCharsets.UTF_8));
    md.update(new byte[] {0x0A, 0x01});
    md.update(spki, spki.length - 32, 32);
    byte[] hint = Arrays.copyOf(md.digest(), 4);
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(k.getPrivate());
    s.update(text.getBytes(StandardCharsets.UTF_8));
    byte[] sig = s.sign();
    byte[] out = new byte[4 + sig.length];
    System.arraycopy(hint, 0, out, 0, 4);
    System.arraycopy(sig, 0, out, 4, sig.length);
    return Base64.getEncoder().encodeToString(out);
  }
}
