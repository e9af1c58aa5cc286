package dev.imagegate.cli.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.webhook.LoopbackRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One OCI image layout served by a {@link LoopbackRegistry} under every repository name: every blob
 * of the layout, and the manifests its {@code index.json} lists, by digest and by their {@code
 * org.opencontainers.image.ref.name} tag. The training run's registry; the layout is the
 * repository's own small demo image, read whole at start.
 */
public final class LayoutRegistry implements AutoCloseable {
  private static final Pattern SHA256 = Pattern.compile("^sha256:[0-9a-f]{64}$");

  private final LoopbackRegistry registry;

  private LayoutRegistry(LoopbackRegistry registry) {
    this.registry = registry;
  }

  /** Serves the OCI image layout at {@code layout} until closed. */
  public static LayoutRegistry start(Path layout) throws IOException {
    LoopbackRegistry registry = LoopbackRegistry.start();
    try {
      // Every blob file, read once, by its name (the hex of its digest).
      Map<String, byte[]> blobs = new HashMap<>();
      List<Path> files;
      try (Stream<Path> listed = Files.list(layout.resolve("blobs/sha256"))) {
        files = listed.filter(Files::isRegularFile).toList();
      }
      for (Path file : files) {
        byte[] bytes = Files.readAllBytes(file);
        blobs.put(file.getFileName().toString(), bytes);
        registry.addBlob(bytes);
      }
      JsonNode index = new ObjectMapper().readTree(layout.resolve("index.json").toFile());
      for (JsonNode m : index.path("manifests")) {
        String digest = m.path("digest").asText();
        byte[] manifest =
            SHA256.matcher(digest).matches()
                ? blobs.get(digest.substring("sha256:".length()))
                : null;
        if (manifest != null) {
          String tag = m.path("annotations").path("org.opencontainers.image.ref.name").asText("");
          registry.addManifest(m.path("mediaType").asText(), manifest, tag.isEmpty() ? null : tag);
        }
      }
      return new LayoutRegistry(registry);
    } catch (IOException | RuntimeException e) {
      registry.close();
      throw e;
    }
  }

  /** {@code 127.0.0.1:PORT}, the registry host of image references. */
  public String host() {
    return registry.host();
  }

  @Override
  public void close() {
    registry.close();
  }
}
