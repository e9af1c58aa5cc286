package dev.imagegate.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Builds registry fixtures with the real tools: images with {@code crane append} (from scratch, one
 * random layer), indexes with {@code crane index append}, referrers with {@code oras attach},
 * layouts with {@code oras copy --to-oci-layout}.
 */
public final class Fixtures {
  private final Peers peers;
  private final Path work;

  public Fixtures(Peers peers, Path work) {
    this.peers = peers;
    this.work = work;
  }

  /**
   * Pushes a one-layer image with OCI media types to {@code host/repoAndTag}; returns its digest.
   */
  public String pushRandomImage(String host, String repoAndTag) {
    return pushImage(host, repoAndTag, true);
  }

  /** Like {@link #pushRandomImage} with Docker v2 schema 2 media types. */
  public String pushRandomDockerImage(String host, String repoAndTag) {
    return pushImage(host, repoAndTag, false);
  }

  private String pushImage(String host, String repoAndTag, boolean oci) {
    Path layer = work.resolve("layer-" + UUID.randomUUID() + ".tar");
    try {
      Files.write(
          layer, tar("random.txt", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String ref = host + "/" + repoAndTag;
    if (oci) {
      crane("append", "--oci-empty-base", "-f", layer.toString(), "-t", ref);
    } else {
      crane("append", "-f", layer.toString(), "-t", ref);
    }
    return digest(ref);
  }

  /**
   * {@code crane index append} of the given manifests into an index at {@code host/repoAndTag}; its
   * digest.
   */
  public String pushIndex(String host, String repoAndTag, String... manifestRefs) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("index", "append"));
    for (String m : manifestRefs) {
      args.add("-m");
      args.add(m);
    }
    args.add("-t");
    args.add(host + "/" + repoAndTag);
    crane(args.toArray(String[]::new));
    return digest(host + "/" + repoAndTag);
  }

  public String digest(String ref) {
    return crane("digest", ref).strip();
  }

  public String manifest(String ref) {
    return crane("manifest", ref);
  }

  /**
   * {@code oras attach} of a small file as a referrer of {@code host/repo@subject}; returns the
   * referrer's digest.
   */
  public String attach(
      String host, String repo, String subject, String artifactType, String content) {
    try {
      Path file = Files.createTempFile(work, "attach-", ".txt");
      Files.writeString(file, content);
      String out =
          peers
              .runOk(
                  work,
                  Map.of("HOME", work.toString()),
                  "oras",
                  "attach",
                  "--plain-http",
                  "--artifact-type",
                  artifactType,
                  host + "/" + repo + "@" + subject,
                  file.getFileName().toString())
              .stdout();
      for (String line : out.split("\n")) {
        if (line.startsWith("Digest: ")) {
          return line.substring("Digest: ".length()).strip();
        }
      }
      throw new IllegalStateException("oras attach printed no digest: " + out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code oras copy -r} of {@code host/repo:tag} with its referrers into the layout {@code dir},
   * tagged {@code tag}.
   */
  public void copyToLayout(String host, String repoAndTag, Path dir, String tag) {
    peers.runOk(
        work,
        Map.of("HOME", work.toString()),
        "oras",
        "copy",
        "--from-plain-http",
        "-r",
        host + "/" + repoAndTag,
        "--to-oci-layout",
        dir + ":" + tag);
  }

  private String crane(String... args) {
    return peers.runOk(work, Map.of("HOME", work.toString()), "crane", args).stdout();
  }

  /** A POSIX tar holding one regular file (what {@code crane append -f} takes as a layer). */
  public static byte[] tar(String name, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, "00000000000");
    java.util.Arrays.fill(header, 148, 156, (byte) ' ');
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    out.writeBytes(header);
    out.writeBytes(content);
    out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static void put(byte[] into, int at, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, into, at, b.length);
  }
}
