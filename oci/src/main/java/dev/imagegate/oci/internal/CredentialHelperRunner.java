package dev.imagegate.oci.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code docker-credential-<name> get} (the docker credential helper protocol: server URL on
 * stdin, {@code {"Username","Secret"}} on stdout; user {@code <token>} means the secret is an
 * identity token).
 */
final class CredentialHelperRunner {
  private static final Logger LOG = LoggerFactory.getLogger(CredentialHelperRunner.class);
  private static final Pattern HELPER_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final long TIMEOUT_SECONDS = 10;
  private static final int MAX_OUTPUT = 64 * 1024;
  private final List<Path> searchPath;

  CredentialHelperRunner(List<Path> searchPath) {
    this.searchPath = List.copyOf(searchPath);
  }

  static CredentialHelperRunner fromEnvironment() {
    String path = System.getenv("PATH");
    return new CredentialHelperRunner(
        path == null
            ? List.of()
            : java.util.Arrays.stream(path.split(File.pathSeparator))
                .filter(s -> !s.isEmpty())
                .map(Path::of)
                .toList());
  }

  Optional<RegistryCredential> get(String helper, String serverUrl) {
    if (!HELPER_NAME.matcher(helper).matches()) {
      LOG.warn(
          "ignoring credential helper with an unusable name '{}'",
          RegistryErrors.printable(helper));
      return Optional.empty();
    }
    Optional<Path> exe =
        searchPath.stream()
            .map(d -> d.resolve("docker-credential-" + helper))
            .filter(Files::isExecutable)
            .findFirst();
    if (exe.isEmpty()) {
      LOG.debug("credential helper docker-credential-{} is not on PATH; ignoring it", helper);
      return Optional.empty();
    }
    try {
      Process p =
          new ProcessBuilder(exe.get().toString(), "get").redirectErrorStream(false).start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
      } catch (IOException stdinClosed) {
        // A helper may answer without reading its input and exit first (broken pipe): its answer
        // still counts.
        LOG.debug(
            "credential helper {} did not read the server URL: {}",
            exe.get(),
            stdinClosed.getMessage());
      }
      byte[] out;
      try (InputStream o = p.getInputStream()) {
        out = o.readNBytes(MAX_OUTPUT);
      }
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        LOG.warn("credential helper {} did not answer within {} s", exe.get(), TIMEOUT_SECONDS);
        return Optional.empty();
      }
      if (p.exitValue() != 0) {
        // "credentials not found in native keychain" is the helper's way of saying: none stored.
        LOG.debug(
            "credential helper {} has no credentials for {} (exit {})",
            exe.get(),
            serverUrl,
            p.exitValue());
        return Optional.empty();
      }
      JsonNode json = Json.read(out);
      String user = json.path("Username").asText("");
      String secret = json.path("Secret").asText("");
      if (secret.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          user.equals("<token>")
              ? new RegistryCredential(null, null, secret)
              : new RegistryCredential(user, secret, null));
    } catch (IOException e) {
      LOG.warn("credential helper {} failed for {}: {}", exe.get(), serverUrl, e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
