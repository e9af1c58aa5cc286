package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The root's and verify's models are declared in code (issue 15): building and parsing a one-image
 * verify reads no picocli annotation, so the JVM generates no annotation proxy class ({@code
 * $ProxyN}), which the AOT cache could not store.
 */
class NoAnnotationProxiesTest {
  @Test
  void verifyAndVersionModelsGenerateNoProxyClass() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xlog:class+load=info",
                "-cp",
                System.getProperty("java.class.path"),
                AnnotationProxyProbe.class.getName())
            .redirectErrorStream(true)
            .start();
    List<String> lines =
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(p.waitFor()).as(String.join("\n", lines)).isZero();
    assertThat(lines).contains("4", "true");
    // the probe ran through picocli's parser (so the log is the real path), yet no proxy class
    assertThat(lines).anyMatch(l -> l.contains("picocli.CommandLine$Interpreter"));
    assertThat(lines).noneMatch(l -> l.contains("$Proxy"));
  }
}
