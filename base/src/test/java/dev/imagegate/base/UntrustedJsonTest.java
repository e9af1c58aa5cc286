package dev.imagegate.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every limit of the untrusted-JSON factory refuses with a clean IOException naming it. */
class UntrustedJsonTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsAnOrdinaryDocument() throws IOException {
    assertThat(UntrustedJson.read(utf8("{\"a\":[1,\"x\"]}"), "payload").at("/a/1").asText())
        .isEqualTo("x");
  }

  @Test
  void refusesNestingDeeperThanTheLimit() throws IOException {
    int ok = UntrustedJson.MAX_DEPTH;
    assertThat(UntrustedJson.read(utf8("[".repeat(ok) + "]".repeat(ok)), "payload").isArray())
        .isTrue();
    int deep = UntrustedJson.MAX_DEPTH + 1;

    assertThatThrownBy(
            () -> UntrustedJson.read(utf8("[".repeat(deep) + "]".repeat(deep)), "payload"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("payload is not valid JSON")
        .hasMessageContaining("nesting depth");
  }

  @Test
  void refusesAnOverlongNumber() {
    assertThatThrownBy(
            () ->
                UntrustedJson.read(
                    utf8("{\"n\":" + "9".repeat(UntrustedJson.MAX_NUMBER_CHARS + 1) + "}"), "p"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Number value length");
  }

  @Test
  void refusesAnOverlongMemberName() {
    assertThatThrownBy(
            () ->
                UntrustedJson.read(
                    utf8("{\"" + "k".repeat(UntrustedJson.MAX_NAME_CHARS + 1) + "\":1}"), "p"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Name length");
  }

  @Test
  void refusesAnOverlongStringAndAnOversizedDocumentWithSmallerBounds() {
    // The 16 MiB default takes the same code paths through mapper(depth, size): whole documents
    // (bytes, strings) and streams.
    String doc = "[\"" + "x".repeat(2000) + "\"]";
    assertThatThrownBy(() -> UntrustedJson.mapper(64, 1000).readTree(utf8(doc)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Document length");
    assertThatThrownBy(() -> UntrustedJson.mapper(64, 1000).readTree(doc))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Document length");
    assertThatThrownBy(
            () ->
                UntrustedJson.mapper(64, 1000)
                    .readTree(new java.io.ByteArrayInputStream(utf8(doc))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Document length");
    // With the default document bound a string this long is refused as a document already; a larger
    // document bound shows the string bound on its own.
    byte[] big = utf8("\"" + "x".repeat(UntrustedJson.MAX_STRING_CHARS + 1) + "\"");
    assertThatThrownBy(() -> UntrustedJson.read(big, "p"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Document length");
    assertThatThrownBy(
            () -> UntrustedJson.mapper(64, 2L * UntrustedJson.MAX_DOCUMENT_BYTES).readTree(big))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("String value length");
  }

  @Test
  void refusesDuplicateKeysAndTrailingContent() {
    assertThatThrownBy(() -> UntrustedJson.read(utf8("{\"a\":1,\"a\":2}"), "p"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Duplicate field 'a'");
    assertThatThrownBy(() -> UntrustedJson.read(utf8("{\"a\":1} {\"a\":2}"), "p"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Trailing token");
  }

  @Test
  void refusesAnEmptyDocument() {
    assertThatThrownBy(() -> UntrustedJson.read(new byte[0], "manifest"))
        .isInstanceOf(IOException.class)
        .hasMessage("manifest is empty");
  }
}
