package dev.imagegate.notation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.testkit.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Access to the vendored Notary vectors ({@code testdata/notary}, see {@link TestData}). */
final class Vectors {
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * "Now" for every vector: the README writes cases for 2025/2026; a fixed instant keeps them
   * stable.
   */
  static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private Vectors() {}

  static Path root() {
    return TestData.corpus("notary");
  }

  static Path file(String relative) {
    return root().resolve(relative);
  }

  static JsonNode json(String relative) {
    try {
      return JSON.readTree(Files.readAllBytes(file(relative)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(file(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
