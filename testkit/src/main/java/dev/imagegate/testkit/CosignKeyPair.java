package dev.imagegate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cosign key pair made by the real {@code cosign2 generate-key-pair} (empty password) in a
 * folder, and the signatures and attestations that key pushes to a plain-HTTP registry: offline,
 * with no transparency log upload, as every key-signed fixture of the tests wants it.
 */
public final class CosignKeyPair {
  private final Peers peers;
  private final Path dir;
  private final String prefix;

  private CosignKeyPair(Peers peers, Path dir, String prefix) {
    this.peers = peers;
    this.dir = dir;
    this.prefix = prefix;
  }

  /** {@code cosign.key} and {@code cosign.pub} in {@code dir}. */
  public static CosignKeyPair generate(Peers peers, Path dir) {
    return generate(peers, dir, "cosign");
  }

  /** {@code PREFIX.key} and {@code PREFIX.pub} in {@code dir} (several keys in one folder). */
  public static CosignKeyPair generate(Peers peers, Path dir, String prefix) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CosignKeyPair pair = new CosignKeyPair(peers, dir, prefix);
    pair.cosign(Map.of(), "generate-key-pair", "--output-key-prefix", prefix);
    return pair;
  }

  public Path privateKey() {
    return dir.resolve(prefix + ".key");
  }

  public Path publicKey() {
    return dir.resolve(prefix + ".pub");
  }

  /** The public key PEM, without its final newline. */
  public String publicKeyPem() {
    try {
      return Files.readString(publicKey()).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The public key PEM indented for a YAML block scalar ({@link YamlText#indent}). */
  public String publicKeyIndented(int spaces) {
    return YamlText.indent(publicKeyPem(), spaces);
  }

  /** {@code cosign2 sign} of {@code ref} (best by digest) with this key. */
  public void sign(String ref) {
    sign(ref, Map.of());
  }

  /** Like {@link #sign(String)}, with extra environment (e.g. {@code DOCKER_CONFIG}). */
  public void sign(String ref, Map<String, String> env) {
    cosign(env, "sign", offline(ref));
  }

  /** {@code cosign2 sign -a key=value} of {@code ref}: the annotation goes into the payload. */
  public void signAnnotated(String ref, String key, String value) {
    List<String> args = new ArrayList<>(List.of("-a", key + "=" + value));
    args.addAll(List.of(offline(ref)));
    cosign(Map.of(), "sign", args.toArray(String[]::new));
  }

  /** {@code cosign2 attest} of {@code ref}: an in-toto statement of {@code type} over the file. */
  public void attest(String ref, String type, Path predicate) {
    List<String> args =
        new ArrayList<>(List.of("--type", type, "--predicate", predicate.toString()));
    args.addAll(List.of(offline(ref)));
    cosign(Map.of(), "attest", args.toArray(String[]::new));
  }

  private String[] offline(String ref) {
    return new String[] {
      "--key",
      privateKey().toString(),
      "--tlog-upload=false",
      "--allow-insecure-registry",
      "--allow-http-registry",
      "-y",
      ref
    };
  }

  private void cosign(Map<String, String> env, String subcommand, String... args) {
    // HOME is the key's folder, so no user configuration (docker credentials, sigstore cache)
    // leaks into the fixture.
    Map<String, String> all = new HashMap<>(Map.of("HOME", dir.toString(), "COSIGN_PASSWORD", ""));
    all.putAll(env);
    List<String> line = new ArrayList<>(List.of(subcommand));
    line.addAll(List.of(args));
    peers.runOk(dir, all, "cosign2", line.toArray(String[]::new));
  }
}
