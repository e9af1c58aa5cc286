package dev.imagegate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The images {@code fixtures/ivpol/make-notary-fixtures.sh} signs with the real notation in a
 * registry (by name, as the script's {@code images.tsv} lists them: {@code signed}, {@code
 * unsigned}, ...) and the PEM of the CA that issued the signing certificate.
 *
 * @param images fixture name to full image reference
 * @param caPem the CA certificate, PEM
 */
public record NotaryFixtureImages(Map<String, String> images, String caPem) {
  public static final String SCRIPT = "fixtures/ivpol/make-notary-fixtures.sh";

  public NotaryFixtureImages {
    images = Map.copyOf(images);
  }

  /** Runs the script against {@code host} with {@code out} as its folder. */
  public static NotaryFixtureImages make(Peers peers, String host, Path out) {
    FixtureScript.run(peers, SCRIPT, host, out, "fixtures.log");
    try {
      Map<String, String> images = new LinkedHashMap<>();
      for (String line : Files.readAllLines(out.resolve("images.tsv"))) {
        String[] f = line.split("\t");
        images.put(f[0], f[1]);
      }
      return new NotaryFixtureImages(images, Files.readString(out.resolve("ca.crt")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The reference of the fixture image {@code name}; throws when the script made none. */
  public String image(String name) {
    String ref = images.get(name);
    if (ref == null) {
      throw new IllegalArgumentException("no fixture image " + name + " in " + images.keySet());
    }
    return ref;
  }

  /** The CA PEM indented for a YAML block scalar ({@link YamlText#indent}). */
  public String caIndented(int spaces) {
    return YamlText.indent(caPem, spaces);
  }
}
