package dev.imagegate.trust;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Minimal RFC 7468 PEM reader: every {@code -----BEGIN X-----} block in a text, in order. */
public final class Pem {
  /** One decoded block: its label (e.g. {@code PUBLIC KEY}) and DER bytes. */
  public record Block(String label, byte[] der) {}

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

  /** Bound on input handled here; policies and annotations carrying more than this are broken. */
  public static final int MAX_PEM_CHARS = 1 << 20;

  private Pem() {}

  public static List<Block> decode(String text) {
    if (text.length() > MAX_PEM_CHARS) {
      throw new TrustMaterialException(
          "PEM text is " + text.length() + " characters, more than the limit " + MAX_PEM_CHARS);
    }
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      StringBuilder b64 = new StringBuilder();
      for (String line : m.group(2).split("\\R")) {
        String t = line.strip();
        // Headers (RFC 1421 style "Proc-Type: ...") and comment lines users paste into policies are
        // skipped.
        if (t.isEmpty() || t.contains(":") || t.startsWith("#")) {
          continue;
        }
        b64.append(t);
      }
      try {
        blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(b64.toString())));
      } catch (IllegalArgumentException e) {
        throw new TrustMaterialException("PEM block '" + m.group(1) + "' is not valid base64", e);
      }
    }
    return blocks;
  }

  public static List<Block> decode(byte[] text) {
    return decode(new String(text, StandardCharsets.UTF_8));
  }

  public static String encode(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }
}
