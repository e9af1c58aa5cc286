package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.Peers;
import dev.imagegate.testkit.Prerequisites;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image, built for real by {@code bin/build-image} (Debian libc layer + jlink runtime
 * base pushed with crane, then the cli's {@code image} profile with Jib) into a local registry,
 * then checked from the outside: manifest and config in the registry, entry point, user and port,
 * and the image's file system runs {@code imagegate --version}, {@code verify --help} and {@code
 * serve} (answering {@code /healthz} over TLS). As root the image runs in a chroot (its own glibc,
 * uid 65532), otherwise (or with {@code -Dimagegate.image.hostRun=true}) its runtime and class path
 * run on the host.
 *
 * <p>Tagged {@code image}: left out of the default build, because Jib resolves the cli's sibling
 * modules from the local Maven repository (they must be installed) and the base needs the Debian
 * archive. Run with {@code ./mvnw -o -pl cli -am install -DskipTests && ./mvnw -o -pl cli test
 * -Dimagegate.excludedGroups= -Dtest=ContainerImageTest} (under a minute and a half).
 */
@Tag("image")
class ContainerImageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void buildsPushesAndRunsTheImage() throws Exception {
    Peers peers = Prerequisites.peers("crane");
    Path root = Path.of(System.getProperty("imagegate.root", "..")).toAbsolutePath().normalize();
    assertThat(root.resolve("cli/target/imagegate.jar"))
        .as("the packaged cli: run ./mvnw -pl cli -am install -DskipTests first")
        .exists();

    try (LocalRegistry registry = LocalRegistry.start(peers)) {
      String target = registry.host() + "/imagegate:test";
      Path log = tmp.resolve("build-image.log");
      Exec build =
          exec(
              root,
              Map.of("IMAGEGATE_PEERS", peers.binary("crane").getParent().getParent().toString()),
              Duration.ofMinutes(12),
              log,
              root.resolve("bin/build-image").toString(),
              "--skip-install",
              target);
      assertThat(build.exit()).as(build.output()).isZero();
      String pinned = build.stdout().strip().lines().reduce((a, b) -> b).orElseThrow();
      assertThat(pinned).startsWith(target + "@sha256:");

      // The registry holds the image: an OCI manifest whose config is what the cli's image profile
      // configures.
      JsonNode manifest = JSON.readTree(crane(peers, "manifest", pinned));
      assertThat(manifest.path("mediaType").asText())
          .isEqualTo("application/vnd.oci.image.manifest.v1+json");
      assertThat(manifest.path("layers").size()).as(manifest.toString()).isGreaterThanOrEqualTo(3);
      JsonNode config = JSON.readTree(crane(peers, "config", pinned));
      assertThat(config.path("os").asText()).isEqualTo("linux");
      assertThat(config.path("architecture").asText()).isEqualTo("amd64");
      JsonNode c = config.path("config");
      List<String> entrypoint = strings(c.path("Entrypoint"));
      assertThat(entrypoint).first().isEqualTo("java");
      assertThat(entrypoint).last().isEqualTo("dev.imagegate.cli.Main");
      assertThat(entrypoint)
          .contains(
              "-XX:MaxRAMPercentage=75",
              "-XX:+ExitOnOutOfMemoryError",
              "-XX:+UseSerialGC",
              "--add-opens=jdk.httpserver/sun.net.httpserver=ALL-UNNAMED",
              "--enable-native-access=ALL-UNNAMED",
              "@/app/jib-classpath-file");
      assertThat(strings(c.path("Cmd"))).containsExactly("serve");
      assertThat(c.path("User").asText()).isEqualTo("65532:65532");
      assertThat(c.path("ExposedPorts").has("8443/tcp")).as(c.toString()).isTrue();
      assertThat(strings(c.path("Env")))
          .contains("JAVA_HOME=/opt/java")
          .anySatisfy(e -> assertThat(e).startsWith("PATH=/opt/java/bin:"));
      // The base pushed next to it.
      JsonNode base =
          JSON.readTree(crane(peers, "config", registry.host() + "/imagegate-base:test"));
      assertThat(strings(base.at("/config/Env"))).contains("JAVA_HOME=/opt/java");

      // The image's file system: Debian libc, the jlink runtime, the application, a nonroot user.
      Path fs = Files.createDirectories(tmp.resolve("fs"));
      Path tar = tmp.resolve("image.tar");
      crane(peers, "export", pinned, tar.toString());
      Exec untar =
          exec(
              tmp,
              Map.of(),
              Duration.ofMinutes(2),
              tmp.resolve("tar.log"),
              "tar",
              "-x",
              "-f",
              tar.toString(),
              "-C",
              fs.toString(),
              "--no-same-owner",
              "--warning=no-unknown-keyword");
      assertThat(untar.exit()).as(untar.output()).isZero();
      Files.delete(tar);
      assertThat(fs.resolve("lib64/ld-linux-x86-64.so.2")).exists();
      assertThat(fs.resolve("opt/java/bin/java")).isExecutable();
      assertThat(fs.resolve("opt/java/lib/server/classes.jsa")).exists();
      assertThat(Files.readString(fs.resolve("etc/passwd"))).contains("nonroot:x:65532:65532:");
      assertThat(Files.readString(fs.resolve("etc/os-release"))).contains("Debian");
      assertThat(fs.resolve("var/lib/dpkg/status.d/libc6")).exists();
      assertThat(Files.readString(fs.resolve("app/jib-main-class-file")).strip())
          .isEqualTo("dev.imagegate.cli.Main");

      ImageRunner image = new ImageRunner(fs, entrypoint, tmp);
      Exec version = image.run(Duration.ofMinutes(2), "--version");
      assertThat(version.exit()).as(version.output()).isZero();
      assertThat(version.stdout()).matches("(?s)imagegate \\d+\\.\\d+\\.\\d+.*");
      Exec verifyHelp = image.run(Duration.ofMinutes(2), "verify", "--help");
      assertThat(verifyHelp.exit()).as(verifyHelp.output()).isZero();
      assertThat(verifyHelp.stdout())
          .contains("Usage: imagegate verify", "--key", "--certificate-identity");

      // serve: the runtime has what the webhook needs (jdk.httpserver, TLS with an EC key, virtual
      // threads).
      Path serveDir = Files.createDirectories(fs.resolve("tmp/serve"));
      Files.createDirectories(serveDir.resolve("policies"));
      Exec cert =
          exec(
              serveDir,
              Map.of(),
              Duration.ofMinutes(1),
              tmp.resolve("openssl.log"),
              "openssl",
              "req",
              "-x509",
              "-newkey",
              "ec",
              "-pkeyopt",
              "ec_paramgen_curve:P-256",
              "-nodes",
              "-keyout",
              "tls.key",
              "-out",
              "tls.crt",
              "-days",
              "1",
              "-subj",
              "/CN=imagegate",
              "-addext",
              "subjectAltName=IP:127.0.0.1");
      assertThat(cert.exit()).as("openssl makes the test certificate: " + cert.output()).isZero();
      for (Path p :
          List.of(
              serveDir,
              serveDir.resolve("policies"),
              serveDir.resolve("tls.key"),
              serveDir.resolve("tls.crt"))) {
        p.toFile().setReadable(true, false);
        p.toFile().setExecutable(Files.isDirectory(p), false);
      }
      int port = freePort();
      String in = image.path(serveDir);
      Process serve =
          image.start(
              tmp.resolve("serve.log"),
              "serve",
              "--policies",
              in + "/policies",
              "--port",
              String.valueOf(port),
              "--bind-address",
              "127.0.0.1",
              "--tls-cert",
              in + "/tls.crt",
              "--tls-key",
              in + "/tls.key",
              "--work-dir",
              "/tmp/imagegate-work");
      try {
        int status = awaitHealthz(port, serve);
        assertThat(status).as(Files.readString(tmp.resolve("serve.log"))).isEqualTo(200);
      } finally {
        // The JVM is a grandchild (unshare, chroot) when chrooted: stop it first, then its parents.
        serve.descendants().forEach(ProcessHandle::destroy);
        serve.destroy();
        if (!serve.waitFor(10, TimeUnit.SECONDS)) {
          serve.descendants().forEach(ProcessHandle::destroyForcibly);
          serve.destroyForcibly();
        }
      }
    }
  }

  /**
   * Runs the image's entry point with other arguments: chrooted as uid 65532 when root, else on the
   * host.
   */
  private static final class ImageRunner {
    private final Path fs;
    private final List<String> entrypoint;
    private final Path tmp;
    private final boolean chroot;

    ImageRunner(Path fs, List<String> entrypoint, Path tmp) throws Exception {
      this.fs = fs;
      this.entrypoint = entrypoint;
      this.tmp = tmp;
      this.chroot =
          !Boolean.getBoolean("imagegate.image.hostRun")
              && "0"
                  .equals(
                      exec(tmp, Map.of(), Duration.ofSeconds(10), tmp.resolve("id.log"), "id", "-u")
                          .stdout()
                          .strip())
              && exec(
                          tmp,
                          Map.of(),
                          Duration.ofSeconds(20),
                          tmp.resolve("unshare.log"),
                          "unshare",
                          "--mount",
                          "--pid",
                          "--fork",
                          "--propagation",
                          "private",
                          "true")
                      .exit()
                  == 0;
    }

    /** Where the image sees a host path inside its file system. */
    String path(Path inFs) {
      return chroot ? "/" + fs.relativize(inFs) : inFs.toString();
    }

    List<String> command(String... args) throws IOException {
      List<String> cmd = new ArrayList<>();
      if (chroot) {
        // A private /proc (glibc resolves the runtime's $ORIGIN through /proc/self/exe), then the
        // entry point as is.
        cmd.addAll(
            List.of(
                "unshare",
                "--mount",
                "--pid",
                "--fork",
                "--kill-child",
                "--propagation",
                "private",
                "sh",
                "-c",
                "mount -t proc proc \"$0/proc\" && exec chroot --userspec=65532:65532 \"$0\" \"$@\"",
                fs.toString()));
        cmd.addAll(entrypoint);
      } else {
        String classpath =
            Files.readString(fs.resolve("app/jib-classpath-file"))
                .strip()
                .replace("/app/", fs + "/app/");
        cmd.addAll(
            List.of(
                fs.resolve("opt/java/bin/java").toString(),
                "-cp",
                classpath,
                "dev.imagegate.cli.Main"));
      }
      cmd.addAll(List.of(args));
      return cmd;
    }

    Map<String, String> env() {
      return Map.of(
          "PATH",
          "/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
          "JAVA_HOME",
          "/opt/java");
    }

    Exec run(Duration timeout, String... args) throws Exception {
      List<String> cmd = command(args);
      return exec(
          tmp,
          env(),
          timeout,
          Files.createTempFile(tmp, "run", ".log"),
          cmd.toArray(String[]::new));
    }

    Process start(Path log, String... args) throws Exception {
      ProcessBuilder pb =
          new ProcessBuilder(command(args))
              .directory(tmp.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().putAll(env());
      return pb.start();
    }
  }

  private static int awaitHealthz(int port, Process serve) throws Exception {
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(
        null,
        new TrustManager[] {
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        new SecureRandom());
    HttpClient client =
        HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/healthz"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline) && serve.isAlive()) {
      try {
        return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    return -1; // exited or never answered: the log says why
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private String crane(Peers peers, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--insecure");
    return peers.runOk(tmp, Map.of(), "crane", all.toArray(String[]::new)).stdout();
  }

  record Exec(int exit, String stdout, String output) {}

  /**
   * Runs a command; stdout separately, stdout and stderr together in {@code log}; kills it after
   * the timeout.
   */
  private static Exec exec(
      Path dir, Map<String, String> env, Duration timeout, Path log, String... command)
      throws Exception {
    Path out = Files.createTempFile(log.getParent(), "stdout", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      return new Exec(
          -1,
          Files.readString(out),
          "timed out after "
              + timeout
              + ": "
              + String.join(" ", command)
              + "\n"
              + Files.readString(out)
              + Files.readString(log, StandardCharsets.UTF_8));
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    return new Exec(
        p.exitValue(),
        stdout,
        String.join(" ", command)
            + "\nstdout:\n"
            + stdout
            + "\nstderr:\n"
            + Files.readString(log, StandardCharsets.UTF_8));
  }
}
