package dev.imagegate.sigstore.internal;

import dev.imagegate.sigstore.Check;
import dev.imagegate.sigstore.TransparencyLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A transparency log checkpoint in the C2SP signed-note form: origin, tree size, base64 root hash,
 * optional extension lines, a blank line, then signature lines {@code "— <name> <base64(keyhint(4)
 * || signature)>"}. Witness cosignatures and signature order are free; at least one line must be
 * the log's own signature.
 */
public record Checkpoint(
    String origin, long size, byte[] rootHash, byte[] signedText, List<SignatureLine> signatures) {
  static final int MAX_BYTES = 64 * 1024;
  static final int MAX_SIGNATURES = 64;
  private static final String SIG_PREFIX = "\u2014 ";

  public record SignatureLine(String name, byte[] keyHint, byte[] signature) {}

  public Checkpoint {
    signatures = List.copyOf(signatures);
  }

  public static Check<Checkpoint> parse(String envelope) {
    if (envelope.length() > MAX_BYTES) {
      return Check.failed(
          "checkpoint is " + envelope.length() + " characters, more than " + MAX_BYTES);
    }
    int split = envelope.indexOf("\n\n");
    if (split < 0) {
      return Check.failed(
          "malformed checkpoint: no blank line between the note text and its signatures");
    }
    String text = envelope.substring(0, split + 1);
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      return Check.failed(
          "malformed checkpoint: expected origin, tree size and root hash lines, found "
              + lines.length
              + " line(s)");
    }
    String origin = lines[0];
    if (origin.isBlank()) {
      return Check.failed("malformed checkpoint: empty origin line");
    }
    long size;
    try {
      size = Long.parseUnsignedLong(lines[1]);
      if (size < 0 || !lines[1].equals(Long.toString(size))) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      return Check.failed(
          "malformed checkpoint: tree size line '"
              + Json.abbreviate(lines[1])
              + "' is not a decimal number");
    }
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      return Check.failed(
          "malformed checkpoint: root hash line '" + Json.abbreviate(lines[2]) + "' is not base64");
    }
    if (root.length != 32) {
      return Check.failed(
          "malformed checkpoint: root hash is " + root.length + " bytes, expected 32");
    }
    List<SignatureLine> sigs = new ArrayList<>();
    for (String line : envelope.substring(split + 2).split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      if (!line.startsWith(SIG_PREFIX) || sigs.size() == MAX_SIGNATURES) {
        return Check.failed(
            "malformed checkpoint: unexpected signature line '" + Json.abbreviate(line) + "'");
      }
      String[] parts = line.substring(SIG_PREFIX.length()).split(" ");
      if (parts.length != 2) {
        return Check.failed(
            "malformed checkpoint: signature line '"
                + Json.abbreviate(line)
                + "' is not '— <name> <signature>'");
      }
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(parts[1]);
      } catch (IllegalArgumentException e) {
        return Check.failed("malformed checkpoint: signature of '" + parts[0] + "' is not base64");
      }
      if (raw.length < 5) {
        return Check.failed("malformed checkpoint: signature of '" + parts[0] + "' is too short");
      }
      sigs.add(
          new SignatureLine(
              parts[0], Arrays.copyOf(raw, 4), Arrays.copyOfRange(raw, 4, raw.length)));
    }
    if (sigs.isEmpty()) {
      return Check.failed("malformed checkpoint: no signature lines");
    }
    return Check.passed(
        new Checkpoint(origin, size, root, text.getBytes(StandardCharsets.UTF_8), sigs));
  }

  /**
   * Passes when one signature line names this checkpoint's origin (Rekor v1 signs as {@code <host>}
   * with origin {@code "<host> - <tree id>"}), carries a key hint of the log's key, and verifies
   * with it. Lines from other signers (witnesses, unknown keys) are ignored.
   */
  public Check<Checkpoint> verifySignedBy(TransparencyLog log) {
    PublicKey key = log.publicKey();
    String badSigner = null;
    for (SignatureLine s : signatures) {
      boolean nameMatches = s.name().equals(origin) || origin.startsWith(s.name() + " - ");
      if (!nameMatches || !hintMatches(s, log)) {
        continue;
      }
      boolean ok =
          SignatureCheck.isEd25519(key)
              ? dev.imagegate.trust.Signatures.verify(
                  key, dev.imagegate.trust.SignatureAlgorithm.SHA256, signedText, s.signature())
              : SignatureCheck.overMessage(key, "SHA-256", signedText, s.signature());
      if (ok) {
        return Check.passed(this);
      }
      badSigner = s.name();
    }
    if (badSigner != null) {
      return Check.failed(
          "checkpoint signature by '"
              + badSigner
              + "' does not verify with the log key "
              + log.logIdHex());
    }
    return Check.failed(
        "checkpoint for origin '"
            + origin
            + "' has no signature from the log "
            + log.logIdHex()
            + " (signers: "
            + signatures.stream().map(SignatureLine::name).toList()
            + ")");
  }

  /**
   * Key hints in use: the log ID prefix, SHA-256(SPKI) prefix (ECDSA notes), and the C2SP Ed25519
   * key hash.
   */
  private boolean hintMatches(SignatureLine s, TransparencyLog log) {
    byte[] spki = log.publicKey().getEncoded();
    if (MessageDigest.isEqual(s.keyHint(), Arrays.copyOf(log.logId(), 4))
        || MessageDigest.isEqual(s.keyHint(), Arrays.copyOf(Digests.sha256(spki), 4))) {
      return true;
    }
    if (SignatureCheck.isEd25519(log.publicKey()) && spki.length >= 32) {
      MessageDigest md = Digests.sha256Digest();
      md.update(s.name().getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0x0A);
      md.update((byte) 0x01);
      md.update(spki, spki.length - 32, 32);
      return MessageDigest.isEqual(s.keyHint(), Arrays.copyOf(md.digest(), 4));
    }
    return false;
  }
}
