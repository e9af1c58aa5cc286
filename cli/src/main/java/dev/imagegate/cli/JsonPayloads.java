package dev.imagegate.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code apply --json}: payload files for ImageValidatingPolicies in {@code evaluation.mode: JSON},
 * as Kyverno's {@code kyverno apply --json}. One object per file (JSON, or YAML, which is a
 * superset), bounded like policy files.
 */
final class JsonPayloads {
  /** As the policy and resource files. */
  static final long MAX_BYTES = 8L * 1024 * 1024;

  private static final YAMLMapper YAML = new YAMLMapper();

  private JsonPayloads() {}

  /** One payload and the name results are printed under ({@code JSON/FILE}). */
  record Payload(String name, JsonNode payload) {}

  static List<Payload> load(List<Path> files) {
    List<Payload> out = new ArrayList<>();
    for (Path f : files) {
      try {
        if (!Files.isRegularFile(f)) {
          throw new UsageException("--json " + f + ": no such file");
        }
        if (Files.size(f) > MAX_BYTES) {
          throw new UsageException("--json " + f + ": larger than " + MAX_BYTES + " bytes");
        }
        JsonNode node = YAML.readTree(Files.readString(f));
        if (node == null || !node.isObject()) {
          throw new UsageException("--json " + f + ": the payload must be a JSON object");
        }
        out.add(new Payload("JSON/" + f.getFileName(), node));
      } catch (JacksonException e) {
        throw new UsageException("--json " + f + ": not JSON: " + e.getOriginalMessage());
      } catch (IOException e) {
        throw new UsageException("--json " + f + ": " + e.getMessage());
      }
    }
    return out;
  }
}
