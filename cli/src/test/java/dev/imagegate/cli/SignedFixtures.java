package dev.imagegate.cli;

import dev.imagegate.testkit.FixtureScript;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real registry holding images signed by the real cosign ({@code
 * fixtures/cosign/make-fixtures.sh}), shared by the tests of one class; and the templating that
 * puts its host and keys into test policies.
 */
final class SignedFixtures implements AutoCloseable {
  final LocalRegistry registry;
  final Path dir;

  private SignedFixtures(LocalRegistry registry, Path dir) {
    this.registry = registry;
    this.dir = dir;
  }

  static SignedFixtures create(Peers peers) throws IOException {
    return create(peers, "fixtures/cosign/make-fixtures.sh");
  }

  /**
   * Starts a registry and runs a fixture script ({@code SCRIPT REGISTRY_HOST OUT_DIR}) against it.
   */
  static SignedFixtures create(Peers peers, String script) throws IOException {
    LocalRegistry registry = LocalRegistry.start(peers);
    Path dir = Files.createTempDirectory("signed-fixtures");
    FixtureScript.run(peers, script, registry.host(), dir, "make-fixtures.log");
    return new SignedFixtures(registry, dir);
  }

  /**
   * Replaces {@code @REGISTRY@}, {@code @Kn@} (a PEM block indented like the placeholder, for YAML
   * block scalars) and {@code @Kn_INLINE@} (a PEM inside a double-quoted YAML string).
   */
  String render(String template) throws IOException {
    String s = template.replace("@REGISTRY@", registry.host());
    for (String k : new String[] {"K1", "K2", "K3"}) {
      String pem =
          Files.readString(dir.resolve(k.toLowerCase(java.util.Locale.ROOT) + ".pub")).strip();
      s = s.replace("@" + k + "_INLINE@", pem.replace("\n", "\\n"));
      Matcher m = Pattern.compile("(?m)^([ \\t]*)@" + k + "@").matcher(s);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(
            b, Matcher.quoteReplacement(m.group(1) + pem.replace("\n", "\n" + m.group(1))));
      }
      m.appendTail(b);
      s = b.toString();
    }
    return s;
  }

  @Override
  public void close() {
    registry.close();
  }
}
