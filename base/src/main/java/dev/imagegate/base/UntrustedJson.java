package dev.imagegate.base;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * The one factory for JSON that imagegate did not write itself: manifests and indexes, signature
 * payloads and envelopes, bundles, in-toto statements, trust policies, admission requests, cluster
 * objects. Jackson's defaults allow 1000 levels of nesting and documents of any size; every parser
 * of registry or signature data reads through {@link #mapper()} instead, with these limits:
 *
 * <ul>
 *   <li>{@link #MAX_DEPTH} levels of nesting (real documents use fewer than 10; deep nesting costs
 *       stack, not bytes);
 *   <li>{@link #MAX_DOCUMENT_BYTES} per document (the largest inputs, DSSE envelopes and bundles,
 *       are capped at 16 MiB when downloaded);
 *   <li>{@link #MAX_STRING_CHARS} per string value (a base64 payload inside such a document);
 *   <li>{@link #MAX_NUMBER_CHARS} digits per number (no real number has more; long digit strings
 *       cost quadratic time to convert);
 *   <li>{@link #MAX_NAME_CHARS} per member name;
 *   <li>duplicate member names are refused (two readers of the same signed bytes must never see
 *       different values) and so is trailing content after the document.
 * </ul>
 *
 * A document over a limit fails like a malformed one: with an {@link IOException} (Jackson's {@code
 * StreamConstraintsException}) whose message names the limit, which every parser already turns into
 * its "not valid JSON" failure.
 */
public final class UntrustedJson {
  public static final int MAX_DEPTH = 64;
  public static final long MAX_DOCUMENT_BYTES = 16L * 1024 * 1024;
  public static final int MAX_STRING_CHARS = 16 * 1024 * 1024;
  public static final int MAX_NUMBER_CHARS = 100;
  public static final int MAX_NAME_CHARS = 1024;

  private static final ObjectMapper MAPPER = build(MAX_DEPTH, MAX_DOCUMENT_BYTES);

  private UntrustedJson() {}

  /** The shared, thread-safe mapper with the limits above. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * A mapper with a smaller nesting bound (the webhook's {@code --max-json-depth}) or document
   * size; the other limits stay.
   */
  public static ObjectMapper mapper(int maxDepth, long maxDocumentBytes) {
    return build(maxDepth, maxDocumentBytes);
  }

  /**
   * Reads one document; an empty input is refused like a malformed one.
   *
   * @throws IOException when {@code bytes} is not one JSON document within the limits; the message
   *     starts with {@code what}
   */
  public static JsonNode read(byte[] bytes, String what) throws IOException {
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new IOException(what + " is not valid JSON: " + firstLine(e.getMessage()), e);
    }
    if (node == null || node.isMissingNode()) {
      throw new IOException(what + " is empty");
    }
    return node;
  }

  private static ObjectMapper build(int maxDepth, long maxDocumentBytes) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(maxDepth)
                    .maxDocumentLength(maxDocumentBytes)
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNumberLength(MAX_NUMBER_CHARS)
                    .maxNameLength(MAX_NAME_CHARS)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    BoundedMapper mapper = new BoundedMapper(factory, maxDocumentBytes);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    return mapper;
  }

  /**
   * Jackson checks {@code maxDocumentLength} only while it reads a stream; a document handed over
   * whole (a byte array or a string, as the parsers do after a bounded download) is checked here.
   */
  private static final class BoundedMapper extends JsonMapper {
    private static final long serialVersionUID = 1L;
    private final long maxDocumentBytes;

    BoundedMapper(JsonFactory factory, long maxDocumentBytes) {
      super(factory);
      this.maxDocumentBytes = maxDocumentBytes;
    }

    private void checkLength(long length) throws StreamConstraintsException {
      if (length > maxDocumentBytes) {
        throw new StreamConstraintsException(
            "Document length ("
                + length
                + ") exceeds the maximum allowed ("
                + maxDocumentBytes
                + ", from UntrustedJson)");
      }
    }

    @Override
    public JsonNode readTree(byte[] content) throws IOException {
      checkLength(content.length);
      return super.readTree(content);
    }

    @Override
    public JsonNode readTree(byte[] content, int offset, int len) throws IOException {
      checkLength(len);
      return super.readTree(content, offset, len);
    }

    @Override
    public JsonNode readTree(String content) throws JsonProcessingException {
      checkLength(content.length());
      return super.readTree(content);
    }
  }

  private static String firstLine(@org.jspecify.annotations.Nullable String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
